/// The commented `securescan.yml` that `securescan init` writes; every key shows its default.
public enum ConfigTemplate {
    public static let text = """
        # securescan.yml: configuration for `securescan scan`.
        # Found automatically in the scanned directory or a parent (up to the repository root).
        version: 1

        # Scanners to run; leave out to run every available one (`securescan status` lists them).
        # scanners: [secrets, dockerfile]

        # Paths no scanner reads, in .gitignore syntax (in addition to .git/, node_modules/, vendor/, …).
        exclude:
          # - "**/testdata/**"
          # - "docs/"

        # Set to false to also scan node_modules/, vendor/, .venv/ and similar directories.
        use_default_excludes: true

        # Files larger than this are skipped and listed in the run's notes.
        max_file_size: 10MiB

        # Time limit per scanner, and per-scanner overrides (300, 90s, 15m, 1h).
        timeout: 10m
        # scanner_timeouts:
        #   secrets: 5m

        # Change the severity of a rule's findings.
        severity_overrides:
          # dockerfile/no-healthcheck: info

        # Findings to keep but not count, each with a reason and an optional expiry date.
        suppressions:
          # - rule: secrets/generic-api-key
          #   path: "tests/fixtures/**"
          #   reason: "fake credentials used by the test suite"
          #   expires: 2027-06-30

        # A baseline file of accepted findings (`securescan baseline create -o FILE`), relative to this file.
        # baseline: .securescan-baseline.json

        # The release gate; command-line flags override these.
        policy:
          # fail_on: critical          # any open finding at or above
          # fail_on_new: high          # any new or reopened finding at or above
          # max_findings: 100          # more open findings than this
          # max_new: 0                 # more new or reopened findings than this
          fail_on_scanner_error: false # exit 3 when a scanner fails or times out
          # allow_inline_suppressions: true  # false: comments such as `securescan:ignore` no longer suppress
          # fail_on_kev: true          # any open finding in CISA's Known Exploited Vulnerabilities catalog
          # min_epss: 0.5              # any open finding with an EPSS probability at least this

        # License policy for the `licenses` scanner, by SPDX id. An expression (MIT OR GPL-3.0-only) passes
        # when one alternative is acceptable; several declared licenses count as alternatives.
        licenses:
          deny: []                     # e.g. [AGPL-3.0-only, SSPL-1.0]
          # allow: [MIT, Apache-2.0, BSD-3-Clause, ISC]   # when set, everything else is a violation
          violation: high              # severity of a denied or not-allowed license
          copyleft: low                # weak and strong copyleft licenses; `off` to turn off
          unknown: info                # declared licenses that are not SPDX ids; `off` to turn off

        # Named targets (used by the target name in fingerprints and artifact paths, and by `batch`).
        # targets:
        #   - name: api
        #     path: services/api
        #     scanners: [secrets, dockerfile]

        """
}
