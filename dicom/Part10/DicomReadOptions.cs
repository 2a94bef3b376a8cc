namespace Mosmos.Dicom;

/// <summary>
/// How to read and the hard limits that keep hostile input from exhausting memory or looping (DESIGN §5).
/// Exceeding a limit raises <see cref="DicomFormatException"/>.
/// </summary>
public sealed record DicomReadOptions
{
    public static readonly DicomReadOptions Default = new();

    /// <summary>Stop before (7FE0,0010) Pixel Data and anything after it: a header-only read.</summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>Values at least this long are not read but loaded on first access, when the source is a file.</summary>
    public int DeferValuesLongerThan { get; init; } = 64 * 1024;

    /// <summary>Largest single value, in bytes (1 GiB).</summary>
    public long MaxElementLength { get; init; } = 1L << 30;

    /// <summary>Deepest sequence nesting.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most sequence items in one file (each costs memory far beyond its 8 bytes of input).</summary>
    public int MaxItems { get; init; } = 1_000_000;

    /// <summary>Most attributes in one file.</summary>
    public int MaxElements { get; init; } = 4_000_000;

    /// <summary>Most encapsulated pixel-data fragments.</summary>
    public int MaxFragments { get; init; } = 1_000_000;

    /// <summary>Largest inflated size of a deflated data set (guards against decompression bombs), 2 GiB.</summary>
    public long MaxInflatedBytes { get; init; } = 2L << 30;
}
