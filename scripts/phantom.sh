#!/usr/bin/env bash
# ./mosmos phantom --out DIR [--count N] [--seed S] [--size small|full|bench|MATRIXxSLICES] [--preview] [--upload]
# Synthetic abdominal CT studies with reports, ground truth and tags (phantom/, through cli/Mosmos.Cli).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_dotnet cli/Mosmos.Cli/Mosmos.Cli.csproj phantom "$@"
