#!/usr/bin/env bash
# stop-postgres.sh — stops the cluster that start-postgres.sh runs in DIR/data: the postmaster named in
# DIR/data/postmaster.pid, only if its command line shows that folder; SIGINT (PostgreSQL's "fast"
# shutdown), SIGKILL after --timeout. Idempotent.
# Usage: stop-postgres.sh --dir DIR [--timeout S] [--purge]
#   --purge   also delete DIR (the cluster and its log)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "stop-postgres: $*" >&2; }
DIR=
TIMEOUT=20
PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --purge) PURGE=1; shift;;
    -h|--help) sed -n '2,6p' "$0"; exit 0;;
    *) log "unknown option $1"; exit 2;;
  esac
done
[ -n "$DIR" ] || { log "--dir is required"; exit 2; }
[ -d "$DIR" ] || exit 0
DIR=$(cd "$DIR" && pwd)
PIDFILE=$DIR/data/postmaster.pid

if [ -s "$PIDFILE" ]; then
  PID=$(head -n 1 "$PIDFILE")
  if cmd_has "$PID" "$DIR/data"; then
    T0=$(date +%s%N)
    kill -INT "$PID"
    deadline=$(( $(date +%s) + TIMEOUT ))
    while alive "$PID" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if alive "$PID"; then log "pid $PID ignored SIGINT for ${TIMEOUT}s, sending SIGKILL"; kill -KILL "$PID" || true; fi
    log "stopped pid $PID in $(( ($(date +%s%N) - T0) / 1000000 )) ms"
  elif alive "$PID"; then
    log "pid $PID is not our PostgreSQL (PID reused): left alone"
  fi
fi
rm -f "$DIR/connection.env"
if [ "$PURGE" = 1 ]; then rm -rf "$DIR"; log "removed $DIR"; fi
