using Mosmos.Trainer.Cli;

namespace Mosmos.Trainer.Tests.Cli;

public sealed class ArgumentsTests
{
    [Fact]
    public void ParsesPositionalsOptionsAndFlags()
    {
        var a = new Arguments(["run1", "--steps", "20", "--widths", "4,8", "--no-augment", "--spacing", "2.5"], new HashSet<string> { "no-augment" });
        Assert.Equal(["run1"], a.Positional);
        Assert.Equal(20, a.Count("steps"));
        Assert.Equal([4, 8], a.Ints("widths")!);
        Assert.True(a.Flag("no-augment"));
        Assert.Equal(2.5, a.Number("spacing"));
        a.ThrowOnUnused();
    }

    [Fact]
    public void MisspeltOrMalformedOptionsAreReported()
    {
        var a = new Arguments(["--step", "20", "--seed", "x"], new HashSet<string>());
        Assert.Contains("'x' is not a valid value", Assert.Throws<UsageException>(() => a.Seed("seed")).Message, StringComparison.Ordinal);
        Assert.Contains("--step", Assert.Throws<UsageException>(a.ThrowOnUnused).Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => new Arguments(["--out"], new HashSet<string>()));
    }
}
