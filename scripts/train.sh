#!/usr/bin/env bash
# ./mosmos train VERB ... — the trainer (trainer/Mosmos.Trainer): finetune, evaluate, export, publish.
# `./mosmos train` alone lists the verbs and their options.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_dotnet trainer/Mosmos.Trainer.csproj "$@"
