#!/usr/bin/env bash
# ./mosmos bench mosmos [--smoke] [--out DIR] [--seeds "1 2 3"] [--labelled N] [--reports N] [--test N]
#   [--pretrain-steps N] [--finetune-steps N] [--lambdas "0.1 0.3 0.5 1.0"] [--threads N] [--no-docs] [--table-only]
# The MOSMOS evidence of issue 9 (docs/mosmos-results.md): phantom studies split into a few labelled ones, many
# report-only ones and a labelled test set; per seed one pre-training run and the fine-tuning variants
#   from scratch | pre-trained encoder only | MOSMOS without aligning loss (λ = 0) | MOSMOS λ ∈ LAMBDAS |
#   from scratch with all labels | full MOSMOS (λ = 0.5) with all labels,
# each exported and evaluated on the test set; then a per-organ table of mean ± SD over seeds. Every step is
# skipped when its output exists, so an interrupted bench resumes. --smoke: the smallest configuration that runs
# every step (minutes, not a result). --table-only: train nothing, write the table of the runs that exist (the
# progress of a long run, with the options it was started with). Budget for the default: ~6 h on 2 idle cores.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"

out=.cache/bench/mosmos seeds="1 2 3" labelled=8 reports=200 test=8 pre_steps=1000 ft_steps=600
lambdas="0.1 0.3 0.5 1.0" default_lambda=0.5 threads="" docs=1 table_only=0
spacing=6 size=64 patch=64 pre_batch=8 ft_batch=2 widths=8,16,32,64 embed=96 phantom_seed=5000 smoke=0
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1; out=.cache/bench/mosmos-smoke; seeds=1; labelled=2; reports=10; test=2; pre_steps=4; ft_steps=3
             lambdas=0.5; spacing=12; size=32; patch=32; pre_batch=4; ft_batch=1; widths=8,16,32; embed=48; docs=0;;
    --out) out=$2; shift;;
    --seeds) seeds=$2; shift;;
    --labelled) labelled=$2; shift;;
    --reports) reports=$2; shift;;
    --test) test=$2; shift;;
    --pretrain-steps) pre_steps=$2; shift;;
    --finetune-steps) ft_steps=$2; shift;;
    --lambdas) lambdas=$2; shift;;
    --threads) threads=$2; shift;;
    --no-docs) docs=0;;
    --table-only) table_only=1;;
    *) die "bench mosmos: unknown option $1";;
  esac
  shift
done
[ "$table_only" = 0 ] || [ -d "$out/runs" ] || die "bench mosmos --table-only: no runs in $out (start the bench without it first)"
mkdir -p "$out"
out=$(cd "$out" && pwd)
train() { "$MOSMOS_ROOT/mosmos" train "$@"; }
thread_args=(); [ -n "$threads" ] && thread_args=(--threads "$threads")
timings=$out/timings.csv
[ -f "$timings" ] || echo "seed,run,seconds" > "$timings"
timed() { local t0=$SECONDS; "${@:3}"; echo "$1,$2,$((SECONDS - t0))" >> "$timings"; }

# 1. Phantom studies (their dataset holds image, labels, report and the report's tags).
count=$((labelled + reports + test))
if [ ! -f "$out/phantoms/dataset/dataset.json" ] ||
   [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$out/phantoms/dataset/dataset.json")" -lt $count ]; then
  log "generating $count phantom studies"
  "$MOSMOS_ROOT/mosmos" phantom --out "$out/phantoms" --count $count --seed $phantom_seed --size small > /dev/null
fi

# 2. Splits, sharing the volume files by hard link: labelled (the first L studies), all (L + R, with labels),
#    pretrain (L + R: reports and tags; labels kept only for the L so attention renders can outline organs),
#    test (the last T, never trained on).
python3 - "$out" "$labelled" "$reports" "$test" <<'PY'
import json, os, shutil, sys
out, L, R, T = sys.argv[1], *map(int, sys.argv[2:])
src = os.path.join(out, 'phantoms', 'dataset')
manifest = json.load(open(os.path.join(src, 'dataset.json')))
cases = manifest['cases'][:L + R + T]
lab, rep, tst = cases[:L], cases[L:L + R], cases[L + R:]
def write(name, chosen, keep_labels):
    folder = os.path.join(out, 'data', name)
    kept = []
    for c in chosen:
        c = dict(c)
        if not keep_labels(c):
            c.pop('labelFile', None)
        for key in ('imageFile', 'labelFile', 'reportFile'):
            if key in c:
                dst = os.path.join(folder, c[key])
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if not os.path.exists(dst):
                    try:
                        os.link(os.path.join(src, c[key]), dst)
                    except OSError:
                        shutil.copyfile(os.path.join(src, c[key]), dst)
        kept.append(c)
    with open(os.path.join(folder, 'dataset.json'), 'w') as f:
        json.dump({**manifest, 'cases': kept}, f, indent=2)
labelled_ids = {c['id'] for c in lab}
write('labelled', lab, lambda c: True)
write('all', lab + rep, lambda c: True)
write('pretrain', lab + rep, lambda c: c['id'] in labelled_ids)
write('test', tst, lambda c: True)
PY

# 3. The WordPiece vocabulary of the pre-training reports.
[ -f "$out/vocab.txt" ] || train vocab --data "$out/data/pretrain" --out "$out/vocab.txt"

# 4. Per seed: pre-training, then each fine-tuning variant → export → evaluate on the test studies.
variant() { # variant NAME DATA [FINETUNE ARGS...]
  local name=$1 data=$2 run=$out/runs/s$seed/$1
  shift 2
  [ -f "$run/eval/evaluation.md" ] && return 0
  log "seed $seed: $name"
  timed "$seed" "$name" train finetune --data "$out/data/$data" --out "$run" --seed "$seed" --steps "$ft_steps" --patch "$patch" \
    --spacing "$spacing" --batch "$ft_batch" --widths "$widths" --checkpoint-every "$ft_steps" "${thread_args[@]}" "$@" > "$run.log"
  train export "$run" --out "$run/model.onnx" --name "bench-$name" > /dev/null
  train evaluate --model "$run/model.onnx" --data "$out/data/test" --out "$run/eval" > /dev/null
}
#    The four comparisons that answer "does it help" run for every seed first (from scratch, full MOSMOS, encoder
#    only, λ = 0), the λ sweep and the all-labels rows after, so an interrupted bench has whole rows to show.
pretrain() {
  pre=$out/runs/s$seed/pretrain
  mkdir -p "$out/runs/s$seed"
  [ -d "$pre/checkpoints/step-$(printf %06d "$pre_steps")" ] && return 0
  log "seed $seed: pre-training"
  timed "$seed" pretrain train pretrain --data "$out/data/pretrain" --out "$pre" --vocab "$out/vocab.txt" --seed "$seed" \
    --steps "$pre_steps" --batch "$pre_batch" --size "$size" --spacing "$spacing" --widths "$widths" --embed-dim "$embed" \
    --checkpoint-every "$(( pre_steps > 4 ? pre_steps / 4 : 1 ))" "${thread_args[@]}" > "$pre.log"
}
[ "$table_only" = 1 ] && seeds_to_train="" || seeds_to_train=$seeds
for seed in $seeds_to_train; do
  pretrain
  variant scratch labelled
  variant "lambda-$default_lambda" labelled --init "$pre" --align-weight "$default_lambda"
  variant encoder labelled --init "$pre" --no-attention
  variant lambda-0 labelled --init "$pre" --align-weight 0
done
for seed in $seeds_to_train; do
  pretrain
  for l in $lambdas; do variant "lambda-$l" labelled --init "$pre" --align-weight "$l"; done
  variant all-scratch all
  variant all-mosmos all --init "$pre" --align-weight "$default_lambda"
done

# 5. The table: mean ± SD over seeds of each organ's mean test Dice, plus the pre-training held-out metrics.
python3 - "$out" "$labelled" "$reports" "$test" "$default_lambda" "$seeds" "$lambdas" "$pre_steps" "$ft_steps" "$spacing" \
  > "$out/results.md" <<'PY'
import csv, glob, os, statistics, sys
out, L, R, T, default, seeds, lambdas, pre_steps, ft_steps, spacing = sys.argv[1:11]
seeds, lambdas = seeds.split(), lambdas.split()
rows = [('scratch', f'from scratch ({L} labelled)'), ('encoder', 'pre-trained encoder only'),
        ('lambda-0', 'MOSMOS without aligning loss (λ = 0)')]
rows += [(f'lambda-{l}', f'MOSMOS λ = {l}' + (' (full MOSMOS, default)' if l == default else '')) for l in lambdas]
rows += [('all-scratch', f'from scratch, all labels ({int(L) + int(R)})'), ('all-mosmos', f'full MOSMOS (λ = {default}), all labels')]
def dice(path):
    result, on = {}, False
    for line in open(path):
        if line.startswith('| organ |'): on = True; continue
        if on and line.startswith('|---'): continue
        if on and line.startswith('| '):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            result[cells[0]] = float(cells[1]) if cells[1] != 'n/a' else float('nan')
        elif on: break
    return result
table, organs = {}, []
for key, _ in rows:
    for s in seeds:
        path = os.path.join(out, 'runs', f's{s}', key, 'eval', 'evaluation.md')
        if os.path.exists(path):
            d = dice(path)
            organs += [o for o in d if o not in organs]
            table.setdefault(key, []).append(d)
def cell(values):
    values = [v for v in values if v == v]
    if not values: return 'n/a'
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f'{statistics.mean(values):.3f} ± {sd:.3f}'
print(f'Test Dice on {T} held-out phantom studies, mean ± SD over seeds {", ".join(seeds)} (n = runs per row); '
      f'{L} labelled + {R} report-only studies, {pre_steps} pre-training and {ft_steps} fine-tuning steps, {spacing} mm grid.\n')
print('| variant | n | mean | ' + ' | '.join(organs) + ' |')
print('|---|---|---|' + '---|' * len(organs))
for key, label in rows:
    runs = table.get(key, [])
    means = [statistics.mean([v for v in r.values() if v == v]) for r in runs if r]
    print(f'| {label} | {len(runs)} | {cell(means)} | ' + ' | '.join(cell([r.get(o, float("nan")) for r in runs]) for o in organs) + ' |')
print('\nPre-training, held-out pairs at the last step (validation.csv):\n')
print('| seed | step | recall@1 | recall@5 | tag mAP | pairs | image cosine | report cosine |')
print('|---|---|---|---|---|---|---|---|')
for s in seeds:
    path = os.path.join(out, 'runs', f's{s}', 'pretrain', 'validation.csv')
    rows_so_far = list(csv.DictReader(open(path))) if os.path.exists(path) else []
    if rows_so_far:   # a pre-training still before its first checkpoint has none
        last = rows_so_far[-1]
        cosine = lambda k: f"{float(last[k]):.3f}" if last.get(k) else 'n/a'   # runs made before the column existed
        print(f"| {s} | {last['step']} | {float(last['recall_at_1']):.3f} | {float(last['recall_at_5']):.3f} | {float(last['tag_map']):.3f} | {last['pairs']} | {cosine('image_cosine')} | {cosine('report_cosine')} |")
timings = os.path.join(out, 'timings.csv')
if os.path.exists(timings):
    total = sum(int(r['seconds']) for r in csv.DictReader(open(timings)))
    print(f'\nWall time of the training runs: {total / 3600:.2f} h (timings.csv).')
PY
cat "$out/results.md"
if [ "$docs" = 1 ]; then
  python3 - "$out/results.md" docs/mosmos-results.md <<'PY'
import sys
results, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = '<!-- bench-mosmos:begin -->', '<!-- bench-mosmos:end -->'
head, rest = doc.split(begin, 1)
open(sys.argv[2], 'w').write(head + begin + '\n' + results + end + rest.split(end, 1)[1])
PY
  log "updated docs/mosmos-results.md"
fi
