using Mosmos.Phantom.Output;

namespace Mosmos.Phantom.Tests;

/// <summary>The same seed gives the same bytes: volumes, reports and every file written, whatever the threads did.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedGivesIdenticalFiles()
    {
        var a = TestStudies.TempFolder("determinism-a");
        var b = TestStudies.TempFolder("determinism-b");
        PhantomBatch.Run(a, 31, 2, TestStudies.Tiny, new StudyOutputs(Preview: true));
        PhantomBatch.Run(b, 31, 2, TestStudies.Tiny, new StudyOutputs(Preview: true));
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        Assert.Contains(files, f => f.EndsWith("SR0001.dcm", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("dataset.json", StringComparison.Ordinal));
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
    }

    [Fact]
    public void DifferentSeedsDiffer()
    {
        var x = PhantomGenerator.Generate(41, TestStudies.Tiny);
        var y = PhantomGenerator.Generate(42, TestStudies.Tiny);
        Assert.False(x.Hu.AsSpan().SequenceEqual(y.Hu));
        Assert.NotEqual(x.Identity.StudyInstanceUid, y.Identity.StudyInstanceUid);
    }
}
