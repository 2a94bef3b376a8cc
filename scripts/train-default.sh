#!/usr/bin/env bash
# ./mosmos train default [--out DIR] [--version V] [--steps N] [--restart-steps M] [--threads N] [--no-publish]
# The default model, by one command: 48 phantom studies (seeds 1000…1047, 160×160×128) to train on, 20 fresh ones
# (seeds 9000…9019) to evaluate on, `finetune` with the trainer's defaults (3 mm, patch 64³, widths 8-16-32-64,
# deep supervision) in two runs — N steps (2100, seed 1), then M more (1800, seed 3) from its last checkpoint with
# warm-up and cosine schedule anew (a warm restart: from scratch the small organs appear only after it; README
# "The default model"; M = 0 skips it) — `export` of the last checkpoint as mosmos-abdomen VERSION with the largest
# component per organ and float16 probabilities, `evaluate` on the 20 fresh studies, and `publish` into models/.
# Every step is skipped when its output exists, so an interrupted run resumes (finetune itself resumes from its
# newest checkpoint). About 1.5 h of training on 2 cores.
# Outputs in --out [.cache/default-model]: phantoms/{train,eval}/, run/ and restart/ (checkpoints, metrics, curves),
# model.onnx, eval/ (evaluation.md + PNG), then models/mosmos-abdomen/VERSION/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$MOSMOS_ROOT/.cache/default-model VERSION=1.0.0 STEPS=2100 RESTART_STEPS=1800 THREADS=$(nproc) PUBLISH=1
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2;;
    --version) VERSION=$2; shift 2;;
    --steps) STEPS=$2; shift 2;;
    --restart-steps) RESTART_STEPS=$2; shift 2;;
    --threads) THREADS=$2; shift 2;;
    --no-publish) PUBLISH=0; shift;;
    *) die "unknown argument $1 (usage: ./mosmos train default [--out DIR] [--version V] [--steps N] [--restart-steps M] [--threads N] [--no-publish])";;
  esac
done
[[ $STEPS =~ ^[1-9][0-9]*$ ]] || die "--steps must be a positive number of steps, not '$STEPS'"
[[ $RESTART_STEPS =~ ^[0-9]+$ ]] || die "--restart-steps must be a number of steps (0: no restart), not '$RESTART_STEPS'"
mkdir -p "$OUT"
train() { bash "$MOSMOS_ROOT/scripts/train.sh" "$@"; }

[ -f "$OUT/phantoms/train/dataset/dataset.json" ] ||
  bash "$MOSMOS_ROOT/scripts/phantom.sh" --out "$OUT/phantoms/train" --count 48 --seed 1000 --size 160x128
[ -f "$OUT/phantoms/eval/dataset/dataset.json" ] ||
  bash "$MOSMOS_ROOT/scripts/phantom.sh" --out "$OUT/phantoms/eval" --count 20 --seed 9000 --size 160x128

first=$OUT/run/checkpoints/step-$(printf '%06d' "$STEPS")
[ -d "$first" ] ||
  train finetune --data "$OUT/phantoms/train/dataset" --out "$OUT/run" --steps "$STEPS" --checkpoint-every 250 \
    --seed 1 --threads "$THREADS"
last=$first schedule="./mosmos train default: finetune $STEPS steps (seed 1)"
if [ "$RESTART_STEPS" -gt 0 ]; then
  last=$OUT/restart/checkpoints/step-$(printf '%06d' "$RESTART_STEPS")
  [ -d "$last" ] ||
    train finetune --data "$OUT/phantoms/train/dataset" --out "$OUT/restart" --init "$first" --steps "$RESTART_STEPS" \
      --checkpoint-every 300 --seed 3 --threads "$THREADS"
  schedule="$schedule, then $RESTART_STEPS more from its last checkpoint (seed 3)"
fi
[ -f "$OUT/model.onnx" ] ||
  train export "$last" --out "$OUT/model.onnx" --name mosmos-abdomen --version "$VERSION" --largest-component \
    --probabilities fp16 --training-data "./mosmos phantom --count 48 --seed 1000 --size 160x128 (48 studies); $schedule"
[ -f "$OUT/eval/evaluation.md" ] ||
  train evaluate --model "$OUT/model.onnx" --data "$OUT/phantoms/eval/dataset" --out "$OUT/eval"
[ "$PUBLISH" = 0 ] || train publish "$OUT/model.onnx" --registry "$MOSMOS_ROOT/models"
log "evaluation: $OUT/eval/evaluation.md"
