# Shared by the benchmark scripts (sourced after WORK is set).

# Installs a peer tool into its own virtual environment under $WORK/venvs (their dependencies conflict).
install() {
  local name=$1 spec=$2
  if [ ! -x "$WORK/venvs/$name/bin/python3" ]; then python3 -m venv "$WORK/venvs/$name"; fi
  "$WORK/venvs/$name/bin/python3" -m pip install --quiet --disable-pip-version-check "$spec"
}

# Peak resident set size (KB) of a shell command, from GNU time.
peak() { /usr/bin/time -f %M sh -c "$1" 2>&1 > /dev/null | tail -1; }

# The API benchmarks' store in $1/out/securescan.db, made once with the securescan binary $2: 10 targets
# of bench/findings_tree.py's 1,000 fake credentials, scanned 10 times each (100 runs × 1,000 findings).
api_store() {
  local data=$1 securescan=$2
  [ -f "$data/out/securescan.db" ] && return 0
  rm -rf "$data"
  python3 bench/findings_tree.py "$data/tree" 1000 > /dev/null
  for t in $(seq -w 1 10); do
    cp -R "$data/tree" "$data/target$t"
    for _ in $(seq 1 10); do
      "$securescan" scan "$data/target$t" --scanners secrets --format json --output "$data/out" > /dev/null 2>&1 || true
    done
  done
}
