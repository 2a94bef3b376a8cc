using Mosmos.Contracts;
using Mosmos.Datasets;
using Mosmos.Trainer.Cli;
using Spectre.Console;

const string usage = """
    usage: mosmos train <verb> ...
      finetune --data DIR --out RUN [--init CHECKPOINT] [--steps N] [--patch N] [--spacing MM] [--seed S]
               [--batch B] [--widths 8,16,32,64] [--lr X] [--warmup N] [--checkpoint-every N] [--threads N]
               [--no-augment] [--no-deep-supervision]
      evaluate --model FILE --data DIR [--out DIR]
      export   RUN|CHECKPOINT --out model.onnx [--name NAME] [--version VERSION] [--overlap F]
      publish  model.onnx --registry DIR
    """;

if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(usage); return args.Length == 0 ? 2 : 0; }
try
{
    var rest = args[1..];
    return args[0] switch
    {
        "finetune" => FinetuneCommand.Run(new Arguments(rest, FinetuneCommand.Flags)),
        "evaluate" => EvaluateCommand.Run(new Arguments(rest, new HashSet<string>())),
        "export" => ExportCommand.Run(new Arguments(rest, new HashSet<string>())),
        "publish" => PublishCommand.Run(new Arguments(rest, new HashSet<string>())),
        _ => throw new UsageException($"unknown verb '{args[0]}'"),
    };
}
catch (UsageException e) { Console.Error.WriteLine($"error: {e.Message}\n{usage}"); return 2; }
catch (Exception e) when (e is DatasetFormatException or InvalidModelCardException or IOException or InvalidOperationException or ArgumentException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
    return 1;
}
