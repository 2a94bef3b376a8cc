using System.Text;

namespace Mosmos.Dicom.Web;

public sealed partial class MultipartReader
{
    private const int MaxHeaderLines = 64;

    /// <summary>Reads a part's header block up to the empty line (RFC 2046 §5.1.1, RFC 5322 §2.2 field syntax).</summary>
    private async ValueTask<Dictionary<string, string>> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!await EnsureAsync(2, cancellationToken).ConfigureAwait(false))
            throw Truncated("in part headers");
        if (_buffer[_start] == '\r' && _buffer[_start + 1] == '\n')
        {
            _start += 2; // no headers: the body starts right away (defaults to text/plain, RFC 2046 §5.1)
            return headers;
        }
        int index;
        while ((index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > _maxHeaderBytes)
                throw new DicomWebException($"multipart part headers exceed {_maxHeaderBytes} bytes");
            if (_eof)
                throw Truncated("in part headers");
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
        if (index > _maxHeaderBytes)
            throw new DicomWebException($"multipart part headers exceed {_maxHeaderBytes} bytes");
        string block = Encoding.Latin1.GetString(_buffer, _start, index);
        _start += index + 4;
        ParseHeaderBlock(block, headers);
        return headers;
    }

    private static void ParseHeaderBlock(string block, Dictionary<string, string> headers)
    {
        var lines = block.Split("\r\n");
        if (lines.Length > MaxHeaderLines)
            throw new DicomWebException($"a multipart part has more than {MaxHeaderLines} header lines");
        string? last = null;
        foreach (var line in lines)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim(); // obsolete line folding
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new DicomWebException("malformed multipart part header line (no field name)");
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }
    }
}
