# Shared by the benchmark scripts (sourced after WORK is set).

# Installs a peer tool into its own virtual environment under $WORK/venvs (their dependencies conflict).
install() {
  local name=$1 spec=$2
  if [ ! -x "$WORK/venvs/$name/bin/python3" ]; then python3 -m venv "$WORK/venvs/$name"; fi
  "$WORK/venvs/$name/bin/python3" -m pip install --quiet --disable-pip-version-check "$spec"
}

# Peak resident set size (KB) of a shell command, from GNU time.
peak() { /usr/bin/time -f %M sh -c "$1" 2>&1 > /dev/null | tail -1; }
