namespace Mosmos.Dicom.Web;

/// <summary>
/// One frame of a WADO-RS Retrieve Frames response (PS3.18 §10.4.1.1.4 and §8.7.3), read straight from the
/// response stream: copy it into your own buffer with <see cref="ReadIntoAsync"/> (no intermediate copy), read it
/// in chunks with <see cref="ReadAsync"/>, or take a new array with <see cref="ReadAllAsync"/>. Valid until the
/// enumeration moves on to the next frame.
/// </summary>
public sealed class DicomWebFrame
{
    private readonly MultipartResponse _response;
    private readonly MultipartPart _part;

    internal DicomWebFrame(MultipartResponse response, MultipartPart part, int frameNumber)
    {
        _response = response;
        _part = part;
        FrameNumber = frameNumber;
        MediaType = part.ContentType?.Type ?? "application/octet-stream";
        TransferSyntaxUid = DicomWebTransferSyntax.Of(part.ContentType, response.Type);
    }

    /// <summary>The 1-based frame number, in the order the frames were requested.</summary>
    public int FrameNumber { get; }

    /// <summary>The part's media type, e.g. <c>application/octet-stream</c>, or <c>image/jp2</c> with <c>transfer-syntax=*</c>.</summary>
    public string MediaType { get; }

    /// <summary>
    /// The transfer syntax the bytes are in, as the server reported it for this part (or for the response), else
    /// the default of the part's media type; null when unknown.
    /// </summary>
    public string? TransferSyntaxUid { get; }

    /// <summary>The part's declared length in bytes, when the server sent Content-Length.</summary>
    public long? Length => _part.ContentLength;

    public ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        _response.ReadAsync(token => _part.ReadAsync(destination, token), cancellationToken);

    /// <summary>Copies the whole frame into <paramref name="destination"/>; throws when the frame does not fit.</summary>
    public ValueTask<int> ReadIntoAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        _response.ReadAsync(token => _part.ReadIntoAsync(destination, token), cancellationToken);

    public ValueTask<byte[]> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _response.ReadAsync(token => _part.ReadAllAsync(token), cancellationToken);
}
