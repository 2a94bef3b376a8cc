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
TIMEOUT=20
stop_options "$@"

# PostgreSQL removes its own postmaster.pid on shutdown
PIDFILE=$DIR/data/postmaster.pid
[ -s "$PIDFILE" ] && stop_recorded "$(head -n 1 "$PIDFILE")" "$DIR/data" INT postgres
rm -f "$DIR/connection.env"
if [ "$PURGE" = 1 ]; then rm -rf "$DIR"; log "removed $DIR"; fi
