#!/usr/bin/env bash
# start-postgres.sh — a throwaway PostgreSQL 15 cluster (Debian's postgresql) as a plain background
# process on loopback, all state in one folder: the job store of larger sites (adapter JobStore:Provider
# = PostgreSql) and its contract tests. Normally run by `./mosmos services up --only postgres`.
#
# Usage: start-postgres.sh --dir DIR [--fresh] [--timeout S]
#   --dir DIR     state folder: data (the cluster), socket folder, log, connection.env
#   --fresh       wipe the cluster first (the caller stops a running one before)
#   --timeout S   readiness timeout in seconds [$MOSMOS_POSTGRES_START_TIMEOUT or 60]
# Environment (defaults in brackets):
#   MOSMOS_POSTGRES_PASSWORD (required)  MOSMOS_POSTGRES_USER [mosmos]  MOSMOS_POSTGRES_DATABASE [mosmos]
#   MOSMOS_POSTGRES_PORT [15432]
#
# Listens on 127.0.0.1 only (and a Unix socket inside DIR); every connection needs the password
# (scram-sha-256, no trust lines). The server refuses to run as root: when started by root it runs as the
# `postgres` system user of the Debian package, which then owns DIR/data. Idempotent; writes
# DIR/connection.env (mode 600). Stop with stop-postgres.sh --dir DIR.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "start-postgres: $*" >&2; }

DIR=
FRESH=0
TIMEOUT=${MOSMOS_POSTGRES_START_TIMEOUT:-60}
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2;;
    --fresh) FRESH=1; shift;;
    --timeout) TIMEOUT=$2; shift 2;;
    -h|--help) sed -n '2,17p' "$0"; exit 0;;
    *) log "unknown option $1"; exit 2;;
  esac
done
[ -n "$DIR" ] || { log "--dir is required"; exit 2; }
PORT=${MOSMOS_POSTGRES_PORT:-15432}
PUSER=${MOSMOS_POSTGRES_USER:-mosmos}
PASSWORD=${MOSMOS_POSTGRES_PASSWORD:?MOSMOS_POSTGRES_PASSWORD must be set}
DATABASE=${MOSMOS_POSTGRES_DATABASE:-mosmos}

apt_install postgresql
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
[ -x "$PG_BIN/initdb" ] || { log "no PostgreSQL server binaries under /usr/lib/postgresql"; exit 1; }

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
DATA=$DIR/data
RUN=$DIR/run
LOG=$DIR/postgres.log
# as_server CMD...: runs CMD as the user the server runs as (postgres when we are root)
if [ "$(id -u)" = 0 ]; then
  id postgres > /dev/null 2>&1 || { log "running as root needs the 'postgres' system user (package postgresql)"; exit 1; }
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi
# psql with the password from a file descriptor-free environment variable, never on a command line
psql_q() { PGPASSWORD=$PASSWORD "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$PUSER" -d postgres -v ON_ERROR_STOP=1 "$@"; }
answers() { PGPASSWORD=$PASSWORD "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PORT" -U "$PUSER" -d "$DATABASE" -tAc 'SELECT 1' 2> /dev/null | grep -qx 1; }
server_pid() { local p; p=$(head -n 1 "$DATA/postmaster.pid" 2> /dev/null) && cmd_has "$p" "$DATA" && echo "$p"; }

write_env() {
  (umask 077; cat > "$DIR/connection.env" <<EOF2
MOSMOS_POSTGRES_HOST=127.0.0.1
MOSMOS_POSTGRES_PORT=$PORT
MOSMOS_POSTGRES_USER=$PUSER
MOSMOS_POSTGRES_PASSWORD=$PASSWORD
MOSMOS_POSTGRES_DATABASE=$DATABASE
EOF2
  )
}

# ---- already running? ---------------------------------------------------------------------------
if pid=$(server_pid); then
  if answers; then log "already running (pid $pid)"; write_env; exit 0; fi
  log "pid $pid runs but does not answer on 127.0.0.1:$PORT with the current credentials: run ./mosmos services down first"
  exit 1
fi
port_busy "$PORT" && { log "port $PORT is already in use by another process"; exit 1; }

# ---- cluster: created once, the superuser is MOSMOS_POSTGRES_USER with the password -------------
[ "$FRESH" = 1 ] && rm -rf "$DATA"
mkdir -p "$RUN"
if [ ! -s "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  pwfile=$DIR/.pwfile
  (umask 077; printf '%s\n' "$PASSWORD" > "$pwfile")
  [ "$(id -u)" = 0 ] && chown postgres: "$DATA" "$pwfile"
  as_server "$PG_BIN/initdb" -D "$DATA" -U "$PUSER" --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$DIR/initdb.log" 2>&1 ||
    { rm -f "$pwfile"; log "initdb failed:"; tail -n 20 "$DIR/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
fi
[ "$(id -u)" = 0 ] && chown postgres: "$RUN" "$DATA" && touch "$LOG" && chown postgres: "$LOG"
chmod 700 "$DATA"

# ---- start: pg_ctl daemonises the postmaster (setsid: a Ctrl-C of the caller leaves it) -----------
T0=$(date +%s%N)
setsid bash -c "$(declare -f as_server); as_server \"\$@\"" _ "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -s -w -t "$TIMEOUT" start \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$RUN'" \
  < /dev/null > "$DIR/pg_ctl.out" 2>&1 9>&- ||
  { log "PostgreSQL did not start; last log lines:"; tail -n 20 "$LOG" "$DIR/pg_ctl.out" >&2; exit 1; }
pid=$(server_pid) || { log "the server started but $DATA/postmaster.pid names no live postmaster"; exit 1; }
if ! PGPASSWORD=$PASSWORD "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PORT" -U "$PUSER" -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -qx 1; then
  psql_q -c "CREATE DATABASE \"$DATABASE\""
fi
answers || { log "the server runs (pid $pid) but does not answer queries"; exit 1; }
write_env
log "ready in $(( ($(date +%s%N) - T0) / 1000000 )) ms (pid $pid, 127.0.0.1:$PORT, database $DATABASE)"
