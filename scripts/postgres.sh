#!/usr/bin/env bash
# Source this: installs PostgreSQL from Debian's packages if absent, starts a
# throwaway cluster on 127.0.0.1 (its own port and data folder, so it never
# touches a cluster already on the machine) and exports MARSAD_TEST_PG, the DSN
# the PostgreSQL tests read. The cluster stops when the sourcing shell exits.
set -euo pipefail

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(_pg_bin)" ] || [ ! -x "$(_pg_bin)/initdb" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(_pg_bin)"
id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres

MARSAD_PG_DIR="$(mktemp -d /tmp/marsad-pg.XXXXXX)"
chown postgres "$MARSAD_PG_DIR"
MARSAD_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
runuser -u postgres -- "$PG_BIN/initdb" -D "$MARSAD_PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$MARSAD_PG_DIR/data" -l "$MARSAD_PG_DIR/log" -w -o \
    "-p $MARSAD_PG_PORT -k $MARSAD_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$MARSAD_PG_PORT" -U postgres -c "CREATE DATABASE marsad_test" >/dev/null
export MARSAD_TEST_PG="postgresql://postgres@127.0.0.1:$MARSAD_PG_PORT/marsad_test"
export MARSAD_PG_DIR PG_BIN
trap 'runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$MARSAD_PG_DIR/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$MARSAD_PG_DIR"' EXIT
