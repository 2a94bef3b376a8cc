#!/usr/bin/env bash
# healthcheck.sh URL — the container health probe of the MOSMOS images (Dockerfile HEALTHCHECK and
# docker-compose.yml): exit 0 when an HTTP GET of URL answers 200, 1 otherwise, 2 on a bad URL.
# The .NET runtime images carry no curl or wget; bash's /dev/tcp is enough for a plain-HTTP probe of the
# service's own /healthz or /readyz on loopback. Docker's healthcheck timeout bounds the whole call.
set -euo pipefail
url=${1:-}
rest=${url#http://}
if [ -z "$url" ] || [ "$rest" = "$url" ]; then
  echo "usage: healthcheck.sh http://HOST:PORT/PATH" >&2
  exit 2
fi
authority=${rest%%/*}
path=/
[ "$authority" = "$rest" ] || path=/${rest#*/}
host=${authority%:*}
port=80
[ "$host" = "$authority" ] || port=${authority##*:}
if ! exec 3<> "/dev/tcp/$host/$port"; then
  echo "healthcheck: cannot connect to $authority" >&2
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$authority" >&3
status=
IFS= read -r -t 4 status <&3 || true
status=${status%$'\r'}
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  "") echo "healthcheck: no answer from $url" >&2; exit 1 ;;
  *) echo "healthcheck: $url answered '$status'" >&2; exit 1 ;;
esac
