# Sourced by the benchmarks that use a PostgreSQL store: a throwaway PostgreSQL 15 cluster on loopback
# (started as the tests start theirs, as nobody when run as root), with pg_stat_statements; removed on exit.
# Sets PGBIN, PORT, PGPASSWORD, URL (database `bench`), SERVER_VERSION, and psql_ and as_pg.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/securescan-bench-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PGPASSWORD=bench-$RANDOM$RANDOM
as_pg() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
echo "$PGPASSWORD" > "$PGDIR/pw"
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$PGDIR"
chmod 700 "$PGDIR"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U securescan --auth=scram-sha-256 --pwfile="$PGDIR/pw" -E UTF8 --no-locale > /dev/null
as_pg "$PGBIN/postgres" -D "$PGDIR/data" -p "$PORT" -c listen_addresses=127.0.0.1 -k "$PGDIR" \
  -c shared_preload_libraries=pg_stat_statements -c max_connections=100 > "$PGDIR/server.log" 2>&1 &
# The server's own stop (the background job is the shell that started it, not the postmaster).
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap 'stop_pg' EXIT
until as_pg "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; do sleep 0.1; done
psql_() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U securescan -v ON_ERROR_STOP=1 -q -A -t "$@"; }
SERVER_VERSION=$(psql_ -d postgres -c 'SHOW server_version')
URL="postgres://securescan@127.0.0.1:$PORT/bench?sslmode=disable"

# An empty database `bench` with this version's schema, its statement statistics reset.
fresh_db() {
  psql_ -d postgres -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench'
  psql_ -d bench -c 'CREATE EXTENSION pg_stat_statements'
  "$BIN" db check-store --database "$URL" > /dev/null
  psql_ -d bench -c 'SELECT pg_stat_statements_reset()' > /dev/null
}
