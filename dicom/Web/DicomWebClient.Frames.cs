using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mosmos.Dicom.Web;

public sealed partial class DicomWebClient
{
    /// <summary>
    /// WADO-RS Retrieve Frames (PS3.18 §10.4): asks for <c>multipart/related; type="application/octet-stream";
    /// transfer-syntax=…</c>, Explicit VR Little Endian by default so the server decodes compressed pixel data for us,
    /// or <see cref="DicomWebTransferSyntax.Any"/> for the stored bitstream. Each frame reports the transfer syntax it
    /// actually came in. Frames stream one at a time; the response is never held whole.
    /// </summary>
    public async IAsyncEnumerable<DicomWebFrame> RetrieveFramesAsync(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid,
        IReadOnlyList<int> frameNumbers, string transferSyntax = DicomWebTransferSyntax.ExplicitVRLittleEndian,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameNumbers);
        ArgumentException.ThrowIfNullOrEmpty(transferSyntax);
        if (frameNumbers.Count == 0) throw new ArgumentException("ask for at least one frame", nameof(frameNumbers));
        if (frameNumbers.Any(f => f < 1)) throw new ArgumentException("frame numbers start at 1 (PS3.18 §10.4.1.1.4)", nameof(frameNumbers));
        string path = InstancePath(studyInstanceUid, seriesInstanceUid, sopInstanceUid) + "/frames/"
            + string.Join(',', frameNumbers.Select(f => f.ToString(CultureInfo.InvariantCulture)));
        string accept = $"multipart/related; type=\"application/octet-stream\"; transfer-syntax={transferSyntax}";
        var response = await OpenMultipartAsync(path, $"WADO-RS GET {path}", accept, cancellationToken).ConfigureAwait(false);
        await using (response.ConfigureAwait(false))
        {
            int index = 0;
            while (await response.NextAsync().ConfigureAwait(false) is { } part)
            {
                if (index == frameNumbers.Count)
                    throw new DicomWebException($"{response.Operation}: more parts than the {frameNumbers.Count} frame(s) asked for");
                yield return new DicomWebFrame(response, part, frameNumbers[index++]);
            }
            if (index != frameNumbers.Count)
                throw new DicomWebException($"{response.Operation}: {index} part(s) for {frameNumbers.Count} frame(s) asked for");
        }
    }

    /// <summary>Sends a GET that must answer multipart/related, and hands the call scope to the returned reader.</summary>
    private async Task<MultipartResponse> OpenMultipartAsync(string path, string operation, string accept, CancellationToken cancellationToken)
    {
        var scope = Begin(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await SendAsync(HttpMethod.Get, Resolve(path), operation, accept, null, scope).ConfigureAwait(false);
            return await MultipartResponse.TryOpenAsync(scope, response, operation, _options.MaxResponseBytes).ConfigureAwait(false)
                ?? throw new DicomWebException(
                    $"{operation}: expected a multipart/related response, got '{MultipartResponse.ContentType(response) ?? "no Content-Type"}'",
                    response.StatusCode);
        }
        catch (Exception e)
        {
            var translated = scope.Translate(e, operation);
            response?.Dispose();
            scope.Dispose();
            if (translated is not null) throw translated;
            throw;
        }
    }

    private static string InstancePath(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid) =>
        $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/series/{Segment(seriesInstanceUid, nameof(seriesInstanceUid))}"
        + $"/instances/{Segment(sopInstanceUid, nameof(sopInstanceUid))}";
}
