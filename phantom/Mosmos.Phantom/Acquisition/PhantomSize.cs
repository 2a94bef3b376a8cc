namespace Mosmos.Phantom.Acquisition;

/// <summary>
/// Grid of a generated study. <see cref="Slices"/> null means realistic: slice thickness drawn from 1–5 mm and the
/// slice count from the scan range. A fixed count spreads the range over that many slices (benchmarks, tests).
/// </summary>
public sealed record PhantomSize(int Matrix, int? Slices)
{
    /// <summary>128×128×64: a coarse study for tests and quick demos (slice spacing ~7 mm).</summary>
    public static readonly PhantomSize Small = new(128, 64);

    /// <summary>512×512, 1–5 mm slices: what a scanner produces.</summary>
    public static readonly PhantomSize Full = new(512, null);

    /// <summary>512×512×200: the benchmark grid of the performance goals.</summary>
    public static readonly PhantomSize Benchmark = new(512, 200);

    /// <summary>Parses <c>small</c>, <c>full</c>, <c>bench</c>, or <c>MATRIXxSLICES</c> such as <c>64x32</c>.</summary>
    public static PhantomSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToLowerInvariant())
        {
            case "small": return Small;
            case "full": return Full;
            case "bench": return Benchmark;
        }
        var parts = text.Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out var m) && int.TryParse(parts[1], out var s)
            && m is >= 16 and <= 1024 && s is >= 4 and <= 2000)
            return new PhantomSize(m, s);
        throw new FormatException($"size '{text}' is not small, full, bench or MATRIXxSLICES (e.g. 64x32)");
    }
}
