using Mosmos.Contracts;
using Mosmos.Datasets;
using Mosmos.Trainer.Cli;
using Spectre.Console;

const string usage = """
    usage: mosmos train <verb> ...
      harvest  --from DICOMWEB_URL --out DIR [--reports FILE.csv|.jsonl] [--since YYYY-MM-DD] [--limit N] [--spacing MM]
      finetune --data DIR --out RUN [--init CHECKPOINT] [--steps N] [--patch N] [--spacing MM] [--seed S]
               [--batch B] [--widths 8,16,32,64] [--lr X] [--warmup N] [--checkpoint-every N] [--threads N]
               [--no-augment] [--no-deep-supervision] [--align-weight λ] [--no-attention]
               [--val-data DIR | --val-fraction F] [--val-every N]
      pretrain --data DIR --out RUN [--vocab FILE] [--steps N] [--batch B] [--size N] [--spacing MM] [--seed S]
               [--widths 8,16,32,64] [--embed-dim C] [--heads H] [--text-layers L] [--decoder-layers L]
               [--context-tokens N] [--max-tokens T] [--lr X] [--warmup N] [--tag-loss asl|bce]
               [--tag-targets presence|findings] [--tag-weight W] [--image-pooling attention|mean] [--no-embedding-norm]
               [--no-augment] [--sentence-dropout P] [--val-fraction F] [--checkpoint-every N] [--threads N]
      evaluate --model FILE --data DIR [--out DIR]
      export   RUN|CHECKPOINT --out model.onnx [--name NAME] [--version VERSION] [--overlap F] [--probabilities fp32|fp16]
               [--training-data TEXT] [--attention-output] [--largest-component] [--fill-holes]
      publish  model.onnx --registry DIR [--bus [--config FILE]]
      bench-step [--patch 64] [--batch 2] [--steps 5] [--threads N]   (one JSON line; ./mosmos bench train runs it)
      vocab    --data DIR --out FILE [--size N] [--min-pair-count N]
      default  [--out DIR] [--version V] [--steps N] [--restart-steps M] [--threads N] [--no-publish]
               (scripts/train-default.sh: the default model by one command, README "The default model")
    """;

if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(usage); return args.Length == 0 ? 2 : 0; }
try
{
    var rest = args[1..];
    return args[0] switch
    {
        "harvest" => HarvestCommand.Run(new Arguments(rest, new HashSet<string>())),
        "bench-step" => BenchStepCommand.Run(new Arguments(rest, BenchStepCommand.Flags)),
        "finetune" => FinetuneCommand.Run(new Arguments(rest, FinetuneCommand.Flags)),
        "pretrain" => PretrainCommand.Run(new Arguments(rest, PretrainCommand.Flags)),
        "evaluate" => EvaluateCommand.Run(new Arguments(rest, new HashSet<string>())),
        "export" => ExportCommand.Run(new Arguments(rest, ExportCommand.Flags)),
        "publish" => PublishCommand.Run(new Arguments(rest, PublishCommand.Flags)),
        "vocab" => VocabCommand.Run(new Arguments(rest, new HashSet<string>())),
        _ => throw new UsageException($"unknown verb '{args[0]}'"),
    };
}
catch (UsageException e) { Console.Error.WriteLine($"error: {e.Message}\n{usage}"); return 2; }
catch (Exception e) when (e is DatasetFormatException or InvalidModelCardException or IOException or InvalidOperationException or ArgumentException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
    return 1;
}
