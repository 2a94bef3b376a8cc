#!/usr/bin/env bash
# ./mosmos bench train [--runs R] [--no-peers] [--no-docs] — one training step of the default network at 64³ and
# 96³ (batch 2) in TorchSharp (the trainer's bench-step verb) beside PyTorch running the same network
# (tests/Mosmos.Benchmarks/Training/peers/unet_step.py, Debian python3-torch, installed here when missing) with the
# same threads; step time and peak RSS, each in its own process. Writes the "Training step" section of
# docs/benchmarks.md. Take the numbers on an otherwise idle machine.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"
case " $* " in
  *" --no-peers "*) ;;
  *) /usr/bin/python3 -c 'import torch' 2> /dev/null || apt_install python3-torch ;;
esac
# Build the trainer (its usage exits 0); the benchmark starts its dll once per size.
run_dotnet trainer/Mosmos.Trainer.csproj --help > /dev/null
MOSMOS_BENCH_TRAINER=$(ls "$MOSMOS_ROOT"/artifacts/bin/Mosmos.Trainer/release*/Mosmos.Trainer.dll 2> /dev/null | head -n 1)
[ -n "$MOSMOS_BENCH_TRAINER" ] || die "built the trainer but found no Mosmos.Trainer.dll under artifacts/bin/Mosmos.Trainer"
export MOSMOS_BENCH_TRAINER
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj train "$@"
