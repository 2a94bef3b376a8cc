namespace Mosmos.Dicom.Web;

/// <summary>
/// Transfer syntax values of the Accept header's <c>transfer-syntax</c> parameter (PS3.18 §8.7.3), and the
/// syntax a part is in when its media type does not say (the defaults of PS3.18 §8.7.3's tables for single-frame
/// media types).
/// </summary>
public static class DicomWebTransferSyntax
{
    /// <summary>Uncompressed little-endian frames: the server transcodes (our default, DESIGN §1 step 3).</summary>
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Whatever the server has, without transcoding; each part then says what it is.</summary>
    public const string Any = "*";

    /// <summary>The syntax of a part: its own transfer-syntax parameter, else the response's, else the media type's default.</summary>
    internal static string? Of(MediaType? part, MediaType? response)
    {
        if (part?.TransferSyntax is { } own) return own;
        if (response?.TransferSyntax is { } declared && declared != Any) return declared;
        return (part?.Type ?? response?["type"]) switch
        {
            "application/octet-stream" or null => ExplicitVRLittleEndian,
            "image/jpeg" => "1.2.840.10008.1.2.4.50",
            "image/jls" => "1.2.840.10008.1.2.4.80",
            "image/jp2" => "1.2.840.10008.1.2.4.90",
            "image/jpx" => "1.2.840.10008.1.2.4.92",
            "image/dicom-rle" => "1.2.840.10008.1.2.5",
            "video/mpeg" => "1.2.840.10008.1.2.4.100",
            "video/mp4" => "1.2.840.10008.1.2.4.102",
            _ => null,
        };
    }
}
