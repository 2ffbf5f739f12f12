#!/usr/bin/env bash
# TOML lockfile reading: `securescan sbom` over a tree of the TOML lockfiles and manifests in the corpus
# (Cargo.lock, poetry.lock, uv.lock, pylock.toml, pyproject.toml, Julia's Manifest.toml and Project.toml),
# each copied BENCH_TOML_COPIES times (default 400), timed with hyperfine. Used to compare TOML readers.
#
#   BENCH_BINARY=PATH   the securescan binary (default .build/release/securescan)
set -euo pipefail
cd "$(dirname "$0")/.."
BINARY=${BENCH_BINARY:-.build/release/securescan}
COPIES=${BENCH_TOML_COPIES:-400}
TREE=.bench/toml-tree-$COPIES
if [ ! -d "$TREE" ]; then
  SOURCE=fixtures/lockfiles/trivy-parser-testdata
  mkdir -p "$TREE"
  i=0
  for file in rust/cargo/cargo_normal.lock:Cargo.lock rust/cargo/cargo_v3.lock:Cargo.lock rust/cargo/cargo_mixed.lock:Cargo.lock \
              python/poetry/poetry_v2_flask.lock:poetry.lock python/poetry/poetry_flask.lock:poetry.lock python/poetry/poetry_normal.lock:poetry.lock \
              python/uv/uv_normal.lock:uv.lock python/uv/uv_multiple_roots.lock:uv.lock python/pylock/pylock.toml:pylock.toml \
              python/pyproject/happy_with_optional.toml:pyproject.toml julia/manifest/primary/Manifest_v1.8.toml:Manifest.toml \
              julia/manifest/julia_v1.0_format/Project.toml:Project.toml; do
    for copy in $(seq 1 "$COPIES"); do
      mkdir -p "$TREE/$i/$copy"
      cp "$SOURCE/${file%%:*}" "$TREE/$i/$copy/${file##*:}"
    done
    i=$((i + 1))
  done
fi
echo "tree: $TREE ($(find "$TREE" -type f | wc -l) files, $(du -sm "$TREE" | cut -f1) MB)"
hyperfine --warmup 1 --runs "${BENCH_RUNS:-10}" "$BINARY sbom $TREE -o /dev/null"
