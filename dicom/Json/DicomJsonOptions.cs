namespace Mosmos.Dicom;

/// <summary>
/// Where a binary value goes in DICOM JSON (PS3.18 F.2.7): a URI the reader can fetch the bytes from, in place of
/// the base64 InlineBinary.
/// </summary>
/// <param name="Tag">The attribute.</param>
/// <param name="VR">Its value representation.</param>
/// <param name="Length">Value length in bytes (for encapsulated pixel data: the whole encapsulated value field).</param>
/// <param name="Path">Tags from the top-level data set down to the attribute; item indexes are not included.</param>
public sealed record DicomBulkDataCandidate(DicomTag Tag, DicomVR VR, long Length, IReadOnlyList<DicomTag> Path);

/// <summary>A BulkDataURI met by the reader: the caller may resolve it to the value bytes.</summary>
public sealed record DicomBulkDataReference(DicomTag Tag, DicomVR VR, string Uri);

/// <summary>How <see cref="DicomJsonWriter"/> encodes a data set (PS3.18 Annex F).</summary>
public sealed record DicomJsonWriterOptions
{
    public static readonly DicomJsonWriterOptions Default = new();

    /// <summary>
    /// Decides which binary values (OB, OD, OF, OL, OV, OW, UN and encapsulated pixel data) are written as
    /// BulkDataURI: return the URI, or null for InlineBinary. Null (the default) writes every value inline,
    /// as dcmtk's dcm2json does.
    /// </summary>
    public Func<DicomBulkDataCandidate, string?>? BulkDataUri { get; init; }

    /// <summary>Leave binary values out entirely (only "vr" is written): for header-only listings.</summary>
    public bool OmitBinaryValues { get; init; }

    /// <summary>
    /// Replace the value of Specific Character Set (0008,0005) by "ISO_IR 192": JSON text is always UTF-8
    /// (PS3.18 F.2), so the original term no longer describes it. dcm2json does the same. On by default.
    /// </summary>
    public bool DeclareUtf8 { get; init; } = true;

    /// <summary>Indent the output (dcm2json's default +fc); compact otherwise (-fc).</summary>
    public bool Indented { get; init; }
}

/// <summary>How <see cref="DicomJsonReader"/> parses DICOM JSON, with the limits that keep hostile input bounded.</summary>
public sealed record DicomJsonReaderOptions
{
    public static readonly DicomJsonReaderOptions Default = new();

    /// <summary>Fetches the bytes of a BulkDataURI; null or a null result leaves the attribute present but empty.</summary>
    public Func<DicomBulkDataReference, ReadOnlyMemory<byte>?>? BulkData { get; init; }

    /// <summary>Deepest sequence nesting (each level costs four levels of JSON nesting).</summary>
    public int MaxSequenceDepth { get; init; } = 32;

    /// <summary>Largest JSON document, in bytes (256 MiB).</summary>
    public long MaxDocumentBytes { get; init; } = 256L << 20;

    /// <summary>Most values in one attribute's "Value" array.</summary>
    public int MaxValuesPerAttribute { get; init; } = 1_000_000;

    /// <summary>Most attributes in one data set, items included.</summary>
    public int MaxAttributes { get; init; } = 4_000_000;

    /// <summary>Most data sets in a DICOM JSON array (a QIDO or WADO metadata response).</summary>
    public int MaxDatasets { get; init; } = 1_000_000;
}
