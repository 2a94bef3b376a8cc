using System.Diagnostics;
using System.Globalization;

namespace Mosmos.Dicom.Tests.Part10.Fuzz;

/// <summary>
/// Runs a parser over mutated inputs on a worker thread watched by the test thread, so that a hang fails the test
/// (naming the input) instead of stalling CI. An input passes when parsing succeeds or throws
/// <see cref="DicomFormatException"/>, and allocates no more than <see cref="AllowedAllocation"/>.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Wall time one parse may take; generous because CI machines are shared and loaded.</summary>
    public static readonly TimeSpan ParseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Iterations in CI unless <c>MOSMOS_FUZZ_ITERATIONS</c> says otherwise.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("MOSMOS_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    /// <summary>The base seed: fixed in CI, <c>MOSMOS_FUZZ_SEED</c> to explore further.</summary>
    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("MOSMOS_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261124;

    /// <summary>
    /// What one case may allocate over all its parses: linear in the input (values are copied out of the window;
    /// an input read as thousands of tiny elements costs objects and decoded strings per element) plus a fixed
    /// allowance. A hostile length must never turn into an allocation of that length.
    /// </summary>
    public static long AllowedAllocation(int inputLength) => (16L << 20) + 64L * inputLength;

    /// <summary>One fuzz case: the mutated input, and how it was made (for the failure message).</summary>
    public sealed record Case(string Name, byte[] Bytes, IReadOnlyList<string> Mutations);

    /// <summary>Runs <paramref name="parse"/> on each case from <paramref name="cases"/>; returns the failures found.</summary>
    public static List<string> Execute(IEnumerable<Case> cases, Action<byte[]> parse, out int executed)
    {
        var failures = new List<string>();
        int count = 0;
        long started = 0;
        Case? current = null;
        var worker = new Thread(() =>
        {
            foreach (var c in cases)
            {
                Volatile.Write(ref current, c);
                Volatile.Write(ref started, Stopwatch.GetTimestamp());
                var failure = RunOne(c, parse);
                if (failure is not null)
                {
                    lock (failures) failures.Add(failure);
                }
                Interlocked.Increment(ref count);
            }
            Volatile.Write(ref current, null);
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = "fuzz" };
        worker.Start();
        while (!worker.Join(100))
        {
            var c = Volatile.Read(ref current);
            if (c is not null && Stopwatch.GetElapsedTime(Volatile.Read(ref started)) > ParseTimeout)
            {
                lock (failures) failures.Add($"HANG (> {ParseTimeout.TotalSeconds} s): {Describe(c)} saved as {Save(c)}");
                break;
            }
        }
        executed = Volatile.Read(ref count);
        lock (failures) return [.. failures];
    }

    private static string? RunOne(Case c, Action<byte[]> parse)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            parse(c.Bytes);
        }
        catch (DicomFormatException)
        {
            // the one allowed failure
        }
#pragma warning disable CA1031 // anything else is exactly what the fuzz test reports
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {e.Message} — {Describe(c)} saved as {Save(c)}\n{e.StackTrace}";
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > AllowedAllocation(c.Bytes.Length)
            ? $"allocated {allocated} bytes for {c.Bytes.Length} bytes of input — {Describe(c)} saved as {Save(c)}"
            : null;
    }

    private static string Describe(Case c) => $"{c.Name} [{string.Join("; ", c.Mutations)}]";

    /// <summary>Keeps a failing input for shrinking into a regression test.</summary>
    private static string Save(Case c)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mosmos-fuzz-failures");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Path.GetFileName(c.Name)}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes))[..12]}.bin");
        File.WriteAllBytes(path, c.Bytes);
        return path;
    }
}
