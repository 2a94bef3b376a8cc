using System.Globalization;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Benchmarks;
using Mosmos.InferenceWorker.Tests.Support;

// pipeline [--model FILE] [--runs N] [--rounds N] [--seed S] [--no-docs]: `./mosmos bench pipeline` (scripts/bench-pipeline.sh).
// [ROUNDS]: the gRPC overhead alone, through the tiny pointwise model of the tests (the model does almost no
// arithmetic, so the differences are the cost of the gRPC path itself).
try
{
    return args switch
    {
        ["pipeline", .. var rest] => await PipelineBenchmark.RunAsync(PipelineOptions.Parse(rest)),
        [] or [_] when args.All(a => int.TryParse(a, CultureInfo.InvariantCulture, out _)) => await TinyOverheadAsync(args),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return Usage();
}

static async Task<int> TinyOverheadAsync(string[] args)
{
    var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
    using var dir = new TempDirectory();
    var model = TinyOnnx.Build("1", TinyOnnx.Version1);
    TinyOnnx.Write(dir.Path, "tiny.onnx", model);
    var card = TinyOnnx.Card() with { PatchSize = [96, 96, 96] };
    Console.WriteLine($"{GrpcOverhead.Describe(card, model, rounds)}; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    Console.WriteLine(GrpcOverhead.Table(await GrpcOverhead.MeasureAsync(model, card, dir.Path, rounds)));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Mosmos.InferenceWorker.Benchmarks pipeline [--model FILE] [--runs N] [--rounds N] [--seed S] [--no-docs]");
    Console.Error.WriteLine("       Mosmos.InferenceWorker.Benchmarks [ROUNDS]   (gRPC overhead through the tiny test model)");
    return 2;
}
