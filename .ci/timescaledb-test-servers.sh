#!/usr/bin/env bash
# Two more private PostgreSQL 15 clusters beside a TimescaleDB build, so the
# storage tests can run on every database path ingest supports (docs/ingest.md, "Editions"):
#
#   127.0.0.1:5433  cluster 15/tsdb           TimescaleDB, full edition      (your build, see README)
#   127.0.0.1:5434  cluster 15/tsdb-apache    TimescaleDB, apache edition    (timescaledb.license)
#   127.0.0.1:5435  cluster 15/tsdb-nopreload extension files installed, library NOT preloaded
#
# The two new clusters run the same binaries as 15/tsdb (/opt/pg15-tsdb, where the extension is
# installed: a copy of PostgreSQL 15 with TimescaleDB built into it, README "Storage tests"). The shared PostgreSQL on 5432 is left untouched.
# Then:  ET_IT_PG_TSDB=127.0.0.1:5433,127.0.0.1:5434,127.0.0.1:5435 mvn -o -pl ingest verify …
#   timescaledb-test-servers.sh [APACHE_PORT] [NOPRELOAD_PORT]
set -euo pipefail
apache_port=${1:-5434}; nopreload_port=${2:-5435}
prefix=/opt/pg15-tsdb
[ -x "$prefix/lib/postgresql/15/bin/postgres" ] && [ -f "$prefix/share/postgresql/15/extension/timescaledb.control" ] \
  || { echo "no TimescaleDB build in $prefix: build TimescaleDB into a copy of PostgreSQL 15 there first (README)" >&2; exit 1; }

cluster() { # cluster NAME PORT SETTINGS...
  local name=$1 port=$2; shift 2
  if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "15/$name"; then
    pg_createcluster 15 "$name" --port "$port" >/dev/null
  fi
  local conf=/etc/postgresql/15/$name
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >"$conf/pg_hba.conf"
  mkdir -p "$conf/conf.d"
  { echo "listen_addresses = '127.0.0.1'"; echo "port = $port"; printf '%s\n' "$@"; } \
    >"$conf/conf.d/90-timescaledb.conf"
  echo "pg_ctl_options = '-p $prefix/lib/postgresql/15/bin/postgres'" >"$conf/pg_ctl.conf"
  pg_ctlcluster 15 "$name" restart 2>/dev/null || pg_ctlcluster 15 "$name" start
}

cluster tsdb-apache "$apache_port" "shared_preload_libraries = 'timescaledb'" \
  "timescaledb.license = 'apache'" "timescaledb.telemetry_level = off" \
  "timescaledb.max_background_workers = 8" "max_worker_processes = 16"
cluster tsdb-nopreload "$nopreload_port"

q() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -qAtc "$2"; }
echo "apache:    127.0.0.1:$apache_port license=$(q "$apache_port" "show timescaledb.license" 2>/dev/null || echo '?')"
echo "nopreload: 127.0.0.1:$nopreload_port available=$(q "$nopreload_port" "select default_version from pg_available_extensions where name = 'timescaledb'") preload='$(q "$nopreload_port" "show shared_preload_libraries")'"
echo "ET_IT_PG_TSDB=127.0.0.1:5433,127.0.0.1:$apache_port,127.0.0.1:$nopreload_port"
