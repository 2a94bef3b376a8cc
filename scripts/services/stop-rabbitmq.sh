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
DIR=
TIMEOUT=30
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

# the launcher's command line names no state path; its environment does (HOME=DIR/home)
env_has() { tr '\0' '\n' < "/proc/$1/environ" 2> /dev/null | grep -qxF -- "$2"; }

# stop_pid FILE MARKER NAME [ENV_LINE]: TERM the PID in FILE if its command line has MARKER
# (and its environment has ENV_LINE)
stop_pid() {
  local file=$1 marker=$2 name=$3 envline=${4:-} pid deadline t0
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if cmd_has "$pid" "$marker" && { [ -z "$envline" ] || env_has "$pid" "$envline"; }; then
    t0=$(date +%s%N)
    kill -TERM "$pid" 2> /dev/null || true
    deadline=$(( $(date +%s) + TIMEOUT ))
    while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if alive "$pid"; then log "$name: pid $pid ignored SIGTERM, sending SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; fi
    log "$name: stopped pid $pid in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  elif alive "$pid"; then
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
