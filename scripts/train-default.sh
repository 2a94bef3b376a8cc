#!/usr/bin/env bash
# ./mosmos train default [--out DIR] [--version V] [--steps N] [--threads N] [--no-publish]
# The default model, by one command: 48 phantom studies (seeds 1000…1047, 160×160×128) to train on, 20 fresh ones
# (seeds 9000…9019) to evaluate on, `finetune` with the trainer's defaults (3 mm, patch 64³, widths 8-16-32-64,
# deep supervision; 2100 steps), `export` of the last checkpoint as mosmos-abdomen VERSION with the largest component
# per organ and float16 probabilities, `evaluate` on the 20 fresh studies, and `publish` into models/. Every step is skipped when its output
# exists, so an interrupted run resumes (finetune itself resumes from its newest checkpoint). About 1.5 h on 2 cores.
# The committed 0.4.x was made in stages while the Dice loss took its present form (README "The default model").
# Outputs in --out [.cache/default-model]: phantoms/{train,eval}/, run/ (checkpoints, metrics, curves), model.onnx,
# eval/ (evaluation.md + PNG), then models/mosmos-abdomen/VERSION/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$MOSMOS_ROOT/.cache/default-model VERSION=1.0.0 STEPS=2100 THREADS=$(nproc) PUBLISH=1
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2;;
    --version) VERSION=$2; shift 2;;
    --steps) STEPS=$2; shift 2;;
    --threads) THREADS=$2; shift 2;;
    --no-publish) PUBLISH=0; shift;;
    *) die "unknown argument $1 (usage: ./mosmos train default [--out DIR] [--version V] [--steps N] [--threads N] [--no-publish])";;
  esac
done
mkdir -p "$OUT"
train() { bash "$MOSMOS_ROOT/scripts/train.sh" "$@"; }

[ -f "$OUT/phantoms/train/dataset/dataset.json" ] ||
  bash "$MOSMOS_ROOT/scripts/phantom.sh" --out "$OUT/phantoms/train" --count 48 --seed 1000 --size 160x128
[ -f "$OUT/phantoms/eval/dataset/dataset.json" ] ||
  bash "$MOSMOS_ROOT/scripts/phantom.sh" --out "$OUT/phantoms/eval" --count 20 --seed 9000 --size 160x128

last=$OUT/run/checkpoints/step-$(printf '%06d' "$STEPS")
[ -d "$last" ] ||
  train finetune --data "$OUT/phantoms/train/dataset" --out "$OUT/run" --steps "$STEPS" --checkpoint-every 250 \
    --seed 1 --threads "$THREADS"
[ -f "$OUT/model.onnx" ] ||
  train export "$last" --out "$OUT/model.onnx" --name mosmos-abdomen --version "$VERSION" --largest-component \
    --probabilities fp16 --training-data "./mosmos phantom --count 48 --seed 1000 --size 160x128 (48 studies)"
[ -f "$OUT/eval/evaluation.md" ] ||
  train evaluate --model "$OUT/model.onnx" --data "$OUT/phantoms/eval/dataset" --out "$OUT/eval"
[ "$PUBLISH" = 0 ] || train publish "$OUT/model.onnx" --registry "$MOSMOS_ROOT/models"
log "evaluation: $OUT/eval/evaluation.md"
