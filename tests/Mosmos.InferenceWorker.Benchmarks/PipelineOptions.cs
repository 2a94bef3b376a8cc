using System.Globalization;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>
/// <c>pipeline [--model FILE] [--runs N] [--rounds N] [--seed S] [--no-docs]</c>. Without <c>--model</c> the newest
/// <c>models/mosmos-abdomen/VERSION/model.onnx</c> of the repository (<c>MOSMOS_ROOT</c>) is used.
/// </summary>
internal sealed record PipelineOptions(string Model, int Runs, int Rounds, ulong Seed, bool WriteDocs, string Root)
{
    public const string DefaultModelName = "mosmos-abdomen";

    public static PipelineOptions Parse(IReadOnlyList<string> args)
    {
        var root = Environment.GetEnvironmentVariable("MOSMOS_ROOT") is { Length: > 0 } r ? r : Directory.GetCurrentDirectory();
        string? model = null;
        int runs = 3, rounds = 10;
        ulong seed = 4242;
        bool docs = true;
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--model": model = Path.GetFullPath(Next()); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-docs": docs = false; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (runs < 1 || rounds < 1) throw new ArgumentException("--runs and --rounds must be positive");
        model ??= DefaultModel(root);
        if (!File.Exists(model)) throw new ArgumentException($"model {model} does not exist");
        if (!File.Exists(model + ".sha256")) throw new ArgumentException($"model {model} has no {Path.GetFileName(model)}.sha256 beside it (the registry rule)");
        return new PipelineOptions(model, runs, rounds, seed, docs, root);
    }

    /// <summary>The highest version of the default model in the repository's registry.</summary>
    private static string DefaultModel(string root)
    {
        var folder = Path.Combine(root, "models", DefaultModelName);
        var newest = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "model.onnx", SearchOption.AllDirectories)
                .Where(f => !Path.GetDirectoryName(f)!.EndsWith(".tmp", StringComparison.Ordinal))
                .Order(Mosmos.InferenceWorker.Model.Registry.RegistryLayout.NaturalPathComparer.Instance).LastOrDefault()
            : null;
        return newest ?? throw new ArgumentException($"no {DefaultModelName} model under {folder}: give --model FILE (with FILE.sha256 beside it)");
    }
}
