#!/usr/bin/env bash
# stop-rabbitmq.sh — stops the node that start-rabbitmq.sh recorded in DIR, each process by its
# recorded PID after a /proc/PID/cmdline check: SIGTERM to the Erlang VM (a clean shutdown), SIGKILL
# after --timeout; then the launcher and the private epmd. Idempotent.
# Usage: stop-rabbitmq.sh --dir DIR [--timeout S] [--purge]
#   --purge   also delete DIR (database, logs, cookie)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "stop-rabbitmq: $*" >&2; }
TIMEOUT=30
stop_options "$@"

# the launcher's command line names no state path; its environment does (HOME=DIR/home)
env_has() { { tr '\0' '\n' < "/proc/$1/environ"; } 2> /dev/null | grep -qxF -- "$2"; }

# stop_pid FILE MARKER NAME [ENV_LINE]: SIGTERM the PID recorded in FILE if its command line has MARKER (and its
# environment has ENV_LINE)
stop_pid() {
  local file=$1 marker=$2 name=$3 envline=${4:-} pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if [ -z "$envline" ] || ! alive "$pid" || env_has "$pid" "$envline"; then
    stop_recorded "$pid" "$marker" TERM "$name"
  else
    log "$name: pid $pid is not ours (PID reused): left alone"
  fi
  rm -f "$file"
}

EPMD_PORT=$(sed -n 's/^export ERL_EPMD_PORT=//p' "$DIR/env.sh" 2> /dev/null || true)
stop_pid "$DIR/rabbitmq.pid" "-home $DIR/home" "rabbitmq (beam)"
stop_pid "$DIR/launcher.pid" "rabbitmq-server" "launcher" "HOME=$DIR/home"
stop_pid "$DIR/epmd.pid" "-port ${EPMD_PORT:-24369}" "epmd"
rm -f "$DIR/connection.env"
if [ "$PURGE" = 1 ]; then rm -rf "$DIR"; log "removed $DIR"; fi
