namespace Mosmos.Dicom;

/// <summary>A transfer syntax (PS3.5 §10): how a data set is encoded after the file meta information.</summary>
public sealed record TransferSyntax(string Uid, string Name, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, bool IsEncapsulated)
{
    public static readonly TransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static readonly TransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly TransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, false, false);
    public static readonly TransferSyntax RleLossless = Encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");
    public static readonly TransferSyntax JpegBaseline = Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static readonly TransferSyntax JpegLosslessSV1 = Encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction");
    public static readonly TransferSyntax JpegLsLossless = Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
    public static readonly TransferSyntax JpegLsNearLossless = Encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless");
    public static readonly TransferSyntax Jpeg2000Lossless = Encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless");
    public static readonly TransferSyntax Jpeg2000 = Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000");

    private static readonly Dictionary<string, TransferSyntax> Known = new[]
    {
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian,
        RleLossless, JpegBaseline, JpegLosslessSV1, JpegLsLossless, JpegLsNearLossless, Jpeg2000Lossless, Jpeg2000,
    }.ToDictionary(t => t.Uid, StringComparer.Ordinal);

    /// <summary>
    /// Any UID is accepted: an unknown one is taken as an encapsulated explicit-VR little-endian syntax, which is
    /// what every compressed syntax since PS3.5 §A.4 is (the pixel data can be carried but not decoded).
    /// </summary>
    public static TransferSyntax FromUid(string uid) =>
        Known.TryGetValue(uid, out var ts) ? ts : Encapsulated(uid, "Unknown (" + uid + ")");

    private static TransferSyntax Encapsulated(string uid, string name) => new(uid, name, true, false, false, true);
}
