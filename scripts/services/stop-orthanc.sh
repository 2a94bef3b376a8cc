#!/usr/bin/env bash
# stop-orthanc.sh — stops the Orthanc that start-orthanc.sh recorded in DIR/orthanc.pid: only if
# /proc/PID/cmdline shows DIR's config folder; SIGTERM, SIGKILL after --timeout. Idempotent.
# Usage: stop-orthanc.sh --dir DIR [--timeout S] [--purge]
#   --purge   also delete DIR (storage, index, logs)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "stop-orthanc: $*" >&2; }
DIR=
TIMEOUT=20
PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --purge) PURGE=1; shift;;
    -h|--help) sed -n '2,5p' "$0"; exit 0;;
    *) log "unknown option $1"; exit 2;;
  esac
done
[ -n "$DIR" ] || { log "--dir is required"; exit 2; }
[ -d "$DIR" ] || exit 0
DIR=$(cd "$DIR" && pwd)
PIDFILE=$DIR/orthanc.pid

if [ -s "$PIDFILE" ]; then
  PID=$(cat "$PIDFILE")
  if cmd_has "$PID" "$DIR/config"; then
    T0=$(date +%s%N)
    kill -TERM "$PID"
    deadline=$(( $(date +%s) + TIMEOUT ))
    while alive "$PID" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if alive "$PID"; then log "pid $PID ignored SIGTERM for ${TIMEOUT}s, sending SIGKILL"; kill -KILL "$PID" || true; fi
    log "stopped pid $PID in $(( ($(date +%s%N) - T0) / 1000000 )) ms"
  elif alive "$PID"; then
    log "pid $PID is not our Orthanc (PID reused): left alone"
  fi
  rm -f "$PIDFILE"
fi
rm -f "$DIR/connection.env"
if [ "$PURGE" = 1 ]; then rm -rf "$DIR"; log "removed $DIR"; fi
