#!/usr/bin/env bash
# ./mosmos services up|down|status [--only orthanc|rabbitmq|postgres] [--fresh]
#
# Orthanc (+ DICOMweb, + GDCM) and RabbitMQ as plain processes on loopback, state in
# ${MOSMOS_STATE:-<repo>/.cache/services}. `up` installs missing Debian packages, generates the
# passwords on first use into <state>/secrets/ (mode 600) unless MOSMOS_ORTHANC_PASSWORD /
# MOSMOS_RABBITMQ_PASSWORD are given, starts what is not running and writes <state>/connection.env.
# `down` stops exactly what `up` started (recorded PIDs). `status` prints what runs where.
# Ports, users and names: MOSMOS_ORTHANC_* and MOSMOS_RABBITMQ_* (see scripts/services/start-*.sh).
# PostgreSQL (the adapter's job store for larger sites) starts only with `--only postgres`
# (MOSMOS_POSTGRES_*); a plain `down` stops it too.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: ./mosmos services up|down|status [--only orthanc|rabbitmq|postgres] [--fresh]" >&2; exit 2; }
[ $# -ge 1 ] || usage
ACTION=$1; shift
ONLY=
FRESH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || usage; ONLY=$2; shift 2;;
    --only=*) ONLY=${1#--only=}; shift;;
    --fresh) FRESH=1; shift;;
    *) usage;;
  esac
done
case "$ONLY" in ''|orthanc|rabbitmq|postgres) ;; *) usage;; esac
case "$ACTION" in up|down|status) ;; *) usage;; esac
SERVICES=(orthanc rabbitmq)
[ "$ACTION" != down ] || SERVICES+=(postgres)
[ -z "$ONLY" ] || SERVICES=("$ONLY")

STATE=${MOSMOS_STATE:-$MOSMOS_ROOT/.cache/services}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
SVC=$MOSMOS_ROOT/scripts/services

# one `up`/`down` at a time per state folder (test processes may call `up` side by side); the
# scripts run below get `9>&-` so the daemons they start do not inherit, and keep, the lock
if [ "$ACTION" != status ]; then
  exec 9> "$STATE/.lock"
  flock 9
fi

# secret NAME VAR: the password from $VAR when given (and remembered), else the stored one, else a new one
secret() {
  local file=$STATE/secrets/$1 given=${!2:-}
  mkdir -p "$STATE/secrets"; chmod 700 "$STATE/secrets"
  if [ -n "$given" ]; then
    if [ ! -s "$file" ] || [ "$(cat "$file")" != "$given" ]; then (umask 077; printf '%s' "$given" > "$file"); fi
  elif [ ! -s "$file" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$file")
  fi
  cat "$file"
}

# connection.env = the pieces of the services that run now
merge_env() {
  local f parts=()
  for f in "$STATE/orthanc/connection.env" "$STATE/rabbitmq/connection.env" "$STATE/postgres/connection.env"; do [ -s "$f" ] && parts+=("$f"); done
  if [ ${#parts[@]} -eq 0 ]; then rm -f "$STATE/connection.env"; return; fi
  (umask 077; cat "${parts[@]}" > "$STATE/connection.env.new")
  mv "$STATE/connection.env.new" "$STATE/connection.env"
}

orthanc_pid() { local p; p=$(cat "$STATE/orthanc/orthanc.pid" 2> /dev/null) && cmd_has "$p" "$STATE/orthanc/config" && echo "$p"; }
postgres_pid() { local p; p=$(head -n 1 "$STATE/postgres/data/postmaster.pid" 2> /dev/null) && cmd_has "$p" "$STATE/postgres/data" && echo "$p"; }
rabbitmq_pid() { local p; p=$(cat "$STATE/rabbitmq/rabbitmq.pid" 2> /dev/null) && cmd_has "$p" "-home $STATE/rabbitmq/home" && echo "$p"; }

# val FILE KEY: the value of KEY= in FILE
val() { sed -n "s/^$2=//p" "$1" 2> /dev/null; }

status() {
  local p o=$STATE/orthanc/connection.env r=$STATE/rabbitmq/connection.env
  echo "state: $STATE"
  if p=$(orthanc_pid); then
    echo "orthanc:  running, pid $p, $(val "$o" MOSMOS_ORTHANC_URL) (DICOMweb $(val "$o" MOSMOS_ORTHANC_DICOMWEB_URL))," \
      "DICOM 127.0.0.1:$(val "$o" MOSMOS_ORTHANC_DICOM_PORT) AET $(val "$o" MOSMOS_ORTHANC_AET), user $(val "$o" MOSMOS_ORTHANC_USER)," \
      "log $STATE/orthanc/orthanc.log"
  else
    echo "orthanc:  stopped"
  fi
  if p=$(rabbitmq_pid); then
    echo "rabbitmq: running, pid $p, amqp://$(val "$r" MOSMOS_RABBITMQ_HOST):$(val "$r" MOSMOS_RABBITMQ_PORT)" \
      "vhost $(val "$r" MOSMOS_RABBITMQ_VHOST), user $(val "$r" MOSMOS_RABBITMQ_USER), CLI $(val "$r" MOSMOS_RABBITMQ_CTL)," \
      "logs $STATE/rabbitmq/log"
  else
    echo "rabbitmq: stopped"
  fi
  if p=$(postgres_pid); then
    echo "postgres: running, pid $p, 127.0.0.1:$(val "$STATE/postgres/connection.env" MOSMOS_POSTGRES_PORT)" \
      "database $(val "$STATE/postgres/connection.env" MOSMOS_POSTGRES_DATABASE), user $(val "$STATE/postgres/connection.env" MOSMOS_POSTGRES_USER)," \
      "log $STATE/postgres/postgres.log"
  else
    echo "postgres: stopped"
  fi
  [ -s "$STATE/connection.env" ] && echo "connection: $STATE/connection.env (set -a; . FILE; set +a)"
  return 0
}

case "$ACTION" in
  up)
    fresh=()
    [ "$FRESH" = 0 ] || fresh=(--fresh)
    for s in "${SERVICES[@]}"; do
      [ "$FRESH" = 0 ] || bash "$SVC/stop-$s.sh" --dir "$STATE/$s" 9>&-
      case $s in
        orthanc) MOSMOS_ORTHANC_PASSWORD=$(secret orthanc-password MOSMOS_ORTHANC_PASSWORD) \
                   bash "$SVC/start-orthanc.sh" --dir "$STATE/orthanc" "${fresh[@]}" 9>&-;;
        rabbitmq) MOSMOS_RABBITMQ_PASSWORD=$(secret rabbitmq-password MOSMOS_RABBITMQ_PASSWORD) \
                   bash "$SVC/start-rabbitmq.sh" --dir "$STATE/rabbitmq" "${fresh[@]}" 9>&-;;
        postgres) MOSMOS_POSTGRES_PASSWORD=$(secret postgres-password MOSMOS_POSTGRES_PASSWORD) \
                   bash "$SVC/start-postgres.sh" --dir "$STATE/postgres" "${fresh[@]}" 9>&-;;
      esac
    done
    merge_env
    status
    ;;
  down)
    for s in "${SERVICES[@]}"; do bash "$SVC/stop-$s.sh" --dir "$STATE/$s" 9>&-; done
    merge_env
    status
    ;;
  status) status;;
esac
