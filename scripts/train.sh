#!/usr/bin/env bash
# ./mosmos train VERB ... — the trainer (trainer/Mosmos.Trainer): finetune, evaluate, export, publish.
# `./mosmos train` alone lists the verbs and their options; `./mosmos train default` is scripts/train-default.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ "${1:-}" = default ]; then shift; exec bash "$MOSMOS_ROOT/scripts/train-default.sh" "$@"; fi
run_dotnet trainer/Mosmos.Trainer.csproj "$@"
