#!/usr/bin/env bash
# stop-orthanc.sh — stops the Orthanc that start-orthanc.sh recorded in DIR/orthanc.pid: only if
# /proc/PID/cmdline shows DIR's config folder; SIGTERM, SIGKILL after --timeout. Idempotent.
# Usage: stop-orthanc.sh --dir DIR [--timeout S] [--purge]
#   --purge   also delete DIR (storage, index, logs)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "stop-orthanc: $*" >&2; }
TIMEOUT=20
stop_options "$@"

PIDFILE=$DIR/orthanc.pid
[ -s "$PIDFILE" ] && stop_recorded "$(cat "$PIDFILE")" "$DIR/config" TERM orthanc
rm -f "$PIDFILE" "$DIR/connection.env"
if [ "$PURGE" = 1 ]; then rm -rf "$DIR"; log "removed $DIR"; fi
