using System.Globalization;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// Options of <c>./mosmos bench reliability</c>: <c>--adapter-dll DLL --worker-dll DLL --model FILE</c> (given by
/// scripts/bench-reliability.sh, with <c>--adapter-port N --worker-ports A,B</c>) and
/// <c>[--studies N] [--size MxS] [--outage S] [--timeout S] [--no-docs]</c>: N studies (default 50) of MxS (default
/// 64x112), Orthanc kept down S s (default 8), the whole run bounded by the timeout (default 300 s + 30 s a study).
/// </summary>
internal sealed record ReliabilityOptions(string AdapterDll, string WorkerDll, string Model, int Studies, PhantomSize Size, TimeSpan Outage,
    TimeSpan Timeout, bool WriteDocs, int AdapterPort, IReadOnlyList<int> WorkerPorts)
{
    /// <summary>The seed of the first burst study; study i has seed + i, the poison study seed + 10,000.</summary>
    public const ulong Seed = 8_000;

    public string Root { get; } = Environment.GetEnvironmentVariable("MOSMOS_ROOT") is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();

    /// <summary>Where studies, job table and process logs go (<c>.cache/bench/reliability/run</c>, emptied at the start).</summary>
    public string Work => Path.Combine(Root, ".cache", "bench", "reliability", "run");

    public static ReliabilityOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ReliabilityOptions("", "", "", 50, new PhantomSize(64, 112), TimeSpan.FromSeconds(8), TimeSpan.Zero, true,
            18260, [18270, 18280]);
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--adapter-dll" => o with { AdapterDll = Next() },
                "--worker-dll" => o with { WorkerDll = Next() },
                "--model" => o with { Model = Next() },
                "--studies" => o with { Studies = Positive(Next(), "--studies") },
                "--size" => o with { Size = PhantomSize.Parse(Next()) },
                "--outage" => o with { Outage = TimeSpan.FromSeconds(Positive(Next(), "--outage")) },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(Positive(Next(), "--timeout")) },
                "--no-docs" => o with { WriteDocs = false },
                "--adapter-port" => o with { AdapterPort = Positive(Next(), "--adapter-port") },
                "--worker-ports" => o with { WorkerPorts = [.. Next().Split(',').Select(p => Positive(p, "--worker-ports"))] },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        foreach (var (file, name) in new[] { (o.AdapterDll, "--adapter-dll"), (o.WorkerDll, "--worker-dll"), (o.Model, "--model") })
        {
            if (!File.Exists(file)) throw new ArgumentException($"{name} '{file}' does not exist");
        }
        if (!File.Exists(o.Model + ".sha256"))
            throw new ArgumentException($"--model {o.Model} has no {Path.GetFileName(o.Model)}.sha256 beside it (the worker's registry refuses it)");
        if (o.Size.Slices is not { } slices || slices < 16)
            throw new ArgumentException("--size needs at least 16 slices (MATRIXxSLICES): the adapter's rule takes series of 16 slices or more");
        // The guard of a run that hangs, not a goal: half a minute a study on a busy 2-core machine, and five minutes more.
        if (o.Timeout == TimeSpan.Zero) o = o with { Timeout = TimeSpan.FromSeconds(300 + 30 * o.Studies) };
        if (o.WorkerPorts.Count != 2)
            throw new ArgumentException("--worker-ports takes two ports (HTTP; each worker's gRPC listens on the port after it)");
        if (o.Studies < 2)
            throw new ArgumentException("--studies must be 2 or more: one is re-sent, and studies must be in flight when Orthanc restarts");
        return o;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ArgumentException($"{name} must be a positive whole number (got '{text}')");
}
