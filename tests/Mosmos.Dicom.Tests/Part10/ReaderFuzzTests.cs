using System.Diagnostics;
using Mosmos.Dicom.Tests.Part10.Fuzz;
using Xunit.Abstractions;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>
/// DESIGN §5 "bad input gets a clear error": mutated real files either parse or raise <see cref="DicomFormatException"/>
/// — never another exception, never a hang, never an allocation the input does not justify. Seeded and bounded for
/// CI; <c>MOSMOS_FUZZ_ITERATIONS=200000 MOSMOS_FUZZ_SEED=7 ./mosmos test --filter ReaderFuzz</c> explores further.
/// Failing inputs are saved under <c>$TMPDIR/mosmos-fuzz-failures</c>; shrunk ones become <see cref="ReaderFuzzRegressionTests"/>.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>In CI a run also stops at this wall time, so a slow shared machine keeps <c>./mosmos test</c> quick.</summary>
    private static readonly TimeSpan CiBudget = TimeSpan.FromSeconds(12);

    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>Small limits, so that limit checks themselves get exercised by ordinary inputs.</summary>
    private static readonly DicomReadOptions Tight = new() { MaxElementLength = 4096, MaxDepth = 3, MaxItems = 50, MaxElements = 300, MaxFragments = 4, DeferValuesLongerThan = 256 };

    [Fact]
    public void Unmutated_corpus_files_parse_or_throw_DicomFormatException()
    {
        var cases = FuzzCorpus.Files.Select(f => new FuzzRun.Case(f.Name, f.Bytes, []));
        var failures = FuzzRun.Execute(cases, bytes => ParseAllWays(bytes, viaFile: true), out int executed);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.Equal(FuzzCorpus.Files.Count, executed);
    }

    [Fact]
    public void Mutated_corpus_files_parse_or_throw_DicomFormatException()
    {
        int iterations = FuzzRun.Iterations(ciDefault: 6000);
        var files = FuzzCorpus.Files;
        var failures = FuzzRun.Execute(Cases(iterations, files), bytes => ParseAllWays(bytes, viaFile: false), out int executed);
        output.WriteLine($"{executed} of {iterations} mutated inputs, seed {FuzzRun.Seed}");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n\n" + string.Join("\n\n", failures.Take(10)));
    }

    /// <summary>Through a file, where long values are deferred and loaded by seeking: fewer iterations (each writes a file).</summary>
    [Fact]
    public void Mutated_files_on_disk_parse_or_throw_DicomFormatException()
    {
        int iterations = FuzzRun.Iterations(ciDefault: 6000) / 10;
        var failures = FuzzRun.Execute(Cases(iterations, FuzzCorpus.Files, seedOffset: 1), bytes => ParseAllWays(bytes, viaFile: true), out int executed);
        output.WriteLine($"{executed} of {iterations} mutated files");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n\n" + string.Join("\n\n", failures.Take(10)));
    }

    private static IEnumerable<FuzzRun.Case> Cases(int iterations, IReadOnlyList<(string Name, byte[] Bytes)> files, int seedOffset = 0)
    {
        bool capped = Environment.GetEnvironmentVariable("MOSMOS_FUZZ_ITERATIONS") is null;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations && !(capped && clock.Elapsed > CiBudget); i++)
        {
            // One Random per iteration: a failure is reproduced from (seed, i) without replaying the ones before it.
            var random = new Random(HashCode.Combine(FuzzRun.Seed, seedOffset, i));
            var (name, bytes) = files[random.Next(files.Count)];
            var other = files[random.Next(files.Count)].Bytes;
            var log = new List<string>();
            var mutated = new Mutator(random).Mutate(bytes, other, log);
            yield return new FuzzRun.Case($"{name} #{i}", mutated, log);
        }
    }

    /// <summary>Full read, header-only read and tight limits from memory; optionally the same through a file with deferred values.</summary>
    internal static void ParseAllWays(byte[] bytes, bool viaFile)
    {
        Try(() => FuzzCorpus.Touch(DicomFile.Read(bytes).Dataset));
        Try(() => FuzzCorpus.Touch(DicomFile.Read(bytes, HeaderOnly).Dataset));
        Try(() => FuzzCorpus.Touch(DicomFile.Read(bytes, Tight).Dataset));
        if (!viaFile) return;
        var path = Path.Combine(Path.GetTempPath(), $"mosmos-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.dcm");
        File.WriteAllBytes(path, bytes);
        try
        {
            Try(() => FuzzCorpus.Touch(DicomFile.Open(path, Tight).Dataset));
            Try(() => FuzzCorpus.Touch(DicomFile.Open(path, HeaderOnly).Dataset));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Each way is tried on its own: a format error in one must not hide an unexpected exception in the next.</summary>
    private static void Try(Action parse)
    {
        try
        {
            parse();
        }
        catch (DicomFormatException)
        {
            // expected for malformed input
        }
    }
}
