#!/usr/bin/env bash
# ./mosmos adapter [--config FILE] [ARGS]      — the adapter in the foreground
# ./mosmos adapter rules test STUDY_UID [--json] — which series of a study the rules would segment, and why
# Configuration: adapter/appsettings.json, then MOSMOS__* environment variables, then --config FILE.
# When Orthanc or the bus are not configured and `./mosmos services up` is running, its settings are used
# (Orthanc and, with --broker rabbitmq, RabbitMQ); an API key is generated once into its secrets folder.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

args=()
broker=
while [ $# -gt 0 ]; do
  case $1 in
    --broker) broker=${2:?--broker needs inmemory or rabbitmq}; shift 2;;
    *) args+=("$1"); shift;;
  esac
done

state=${MOSMOS_STATE:-$MOSMOS_ROOT/.cache/services}
if [ -z "${MOSMOS__Orthanc__Url:-}" ] && [ -f "$state/connection.env" ]; then
  # shellcheck disable=SC1091
  . "$state/connection.env"
  export MOSMOS__Orthanc__Url=$MOSMOS_ORTHANC_URL MOSMOS__Orthanc__User=$MOSMOS_ORTHANC_USER
  export MOSMOS__Orthanc__Password=$MOSMOS_ORTHANC_PASSWORD
  if [ "$broker" = rabbitmq ]; then
    export MOSMOS__Bus__Transport=RabbitMq MOSMOS__Bus__Host=$MOSMOS_RABBITMQ_HOST MOSMOS__Bus__Port=$MOSMOS_RABBITMQ_PORT
    export MOSMOS__Bus__VirtualHost=$MOSMOS_RABBITMQ_VHOST MOSMOS__Bus__User=$MOSMOS_RABBITMQ_USER
    export MOSMOS__Bus__Password=$MOSMOS_RABBITMQ_PASSWORD
  fi
  if [ -z "${MOSMOS__Api__KeyFile:-}" ] && [ -z "${MOSMOS__Api__Keys__0:-}" ]; then
    key=$state/secrets/adapter-api-key
    if [ ! -f "$key" ]; then
      mkdir -p "$state/secrets"
      (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$key")
      log "generated an API key for the job API in $key"
    fi
    export MOSMOS__Api__KeyFile=$key
  fi
  export MOSMOS__JobStore__ConnectionString="Data Source=$state/adapter-jobs.db"
fi
run_dotnet adapter/Mosmos.Adapter.csproj "${args[@]}"
