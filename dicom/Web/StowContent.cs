using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Mosmos.Dicom.Web;

/// <summary>
/// The STOW-RS request body (PS3.18 §10.5, §8.6.1.2): <c>multipart/related; type="application/dicom"</c>, one
/// Part 10 instance per part. Files are copied from disk as they are; data sets are encoded one at a time, so at
/// most one instance is in memory. The body can be written again, which a retry needs.
/// </summary>
internal sealed class StowContent : HttpContent
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private readonly IReadOnlyList<StowSource> _sources;
    private readonly byte[] _partHeader;
    private readonly byte[] _close;

    public StowContent(IReadOnlyList<StowSource> sources)
    {
        _sources = sources;
        // 44 characters (RFC 2046 §5.1.1 allows 70); 122 random bits make it vanishingly unlikely inside an instance.
        string boundary = "mosmos-stow-" + Guid.NewGuid().ToString("N");
        _partHeader = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n");
        _close = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var type = new MediaTypeHeaderValue("multipart/related");
        type.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        type.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
        Headers.ContentType = type;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var encoded = new MemoryStream();
        foreach (var source in _sources)
        {
            await stream.WriteAsync(_partHeader, cancellationToken).ConfigureAwait(false);
            if (source.Path is { } path)
            {
                var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (file.ConfigureAwait(false))
                    await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                encoded.SetLength(0);
                DicomWriter.Write(encoded, source.Dataset!, source.TransferSyntax);
                await stream.WriteAsync(encoded.GetBuffer().AsMemory(0, (int)encoded.Length), cancellationToken).ConfigureAwait(false);
            }
            await stream.WriteAsync(Crlf, cancellationToken).ConfigureAwait(false);
        }
        await stream.WriteAsync(_close, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Known only when every part is a file; otherwise the body goes out chunked.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var source in _sources)
        {
            if (source.Path is null) return false;
            length += _partHeader.Length + new FileInfo(source.Path).Length + 2;
        }
        length += _close.Length;
        return true;
    }
}

/// <summary>One instance to store: a file on disk, or a data set encoded in <paramref name="TransferSyntax"/>.</summary>
internal sealed record StowSource(string SopInstanceUid, string? Path, DicomDataset? Dataset, TransferSyntax? TransferSyntax);
