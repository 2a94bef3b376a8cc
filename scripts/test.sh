#!/usr/bin/env bash
# ./mosmos test [PROJECT|SOLUTION] [dotnet test args...] — every test, as CI runs it (.ci/run):
#   1. scripts/test-setup.sh (packages, node tools, test data; quick when done)
#   2. fresh Orthanc + RabbitMQ in their own state folder and ports (so they coexist with the
#      ones of `./mosmos services up`), stopped again on exit, whatever happened
#   3. dotnet test MOSMOS.sln -c Release with the connection settings and the data catalogue in the
#      environment; extra arguments go to dotnet test (e.g. --filter "FullyQualifiedName~Dicom")
#   4. a last line "N passed, N failed" summed over the TRX files; exit status of dotnet test
# Environment: MOSMOS_TEST_STATE [<repo>/.cache/test-services]; MOSMOS_TEST_ORTHANC_HTTP_PORT [18043],
# MOSMOS_TEST_ORTHANC_DICOM_PORT [14243], MOSMOS_TEST_RABBITMQ_PORT [25780] (+1 distribution,
# +3..+13 CLI), MOSMOS_TEST_RABBITMQ_EPMD_PORT [24379], MOSMOS_TEST_POSTGRES_PORT [15433] (PostgreSQL starts
# only when a test asks for it, through `./mosmos services up --only postgres`).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"

TARGET=MOSMOS.sln
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then TARGET=$1; shift; fi
[ -e "$TARGET" ] || die "$TARGET does not exist"
T0=$(date +%s)

bash scripts/test-setup.sh

# The test services get their own settings only: nothing inherited from a sourced connection.env.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^MOSMOS_(ORTHANC|RABBITMQ|POSTGRES)_' || true)
export MOSMOS_STATE=${MOSMOS_TEST_STATE:-$MOSMOS_ROOT/.cache/test-services}
export MOSMOS_ORTHANC_HTTP_PORT=${MOSMOS_TEST_ORTHANC_HTTP_PORT:-18043}
export MOSMOS_ORTHANC_DICOM_PORT=${MOSMOS_TEST_ORTHANC_DICOM_PORT:-14243}
amqp=${MOSMOS_TEST_RABBITMQ_PORT:-25780}
export MOSMOS_RABBITMQ_PORT=$amqp
export MOSMOS_RABBITMQ_DIST_PORT=$((amqp + 1))
export MOSMOS_RABBITMQ_CLI_PORTS=$((amqp + 3))-$((amqp + 13))
export MOSMOS_RABBITMQ_EPMD_PORT=${MOSMOS_TEST_RABBITMQ_EPMD_PORT:-24379}
export MOSMOS_RABBITMQ_NODE=mosmos_test@localhost
export MOSMOS_POSTGRES_PORT=${MOSMOS_TEST_POSTGRES_PORT:-15433}

stop_services() { bash "$MOSMOS_ROOT/scripts/services.sh" down > /dev/null || log "stopping the test services failed"; }
trap stop_services EXIT
trap 'exit 130' INT TERM
bash scripts/services.sh up --fresh > /dev/null

set -a
# shellcheck disable=SC1091
. "$MOSMOS_STATE/connection.env"
# shellcheck disable=SC1091
. "${MOSMOS_TESTDATA:-$MOSMOS_ROOT/.cache/testdata}/catalog.env"
set +a

RESULTS=$MOSMOS_ROOT/.cache/test-results
rm -rf "$RESULTS"
rc=0
dotnet test "$TARGET" -c Release -nologo --results-directory "$RESULTS" --logger trx "$@" || rc=$?
trap - EXIT
stop_services

# sum the <Counters …/> of every TRX file (one per test project)
passed=0 failed=0 files=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  n() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(n passed)))
  failed=$((failed + $(n failed) + $(n error) + $(n timeout) + $(n aborted)))
  files=$((files + 1))
done
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || log "dotnet test exited with $rc without a failed test: see the build errors above"
log "$files test project(s), $(( $(date +%s) - T0 )) s in all; TRX files in $RESULTS"
echo "$passed passed, $failed failed"
exit "$rc"
