using System.Runtime.CompilerServices;
using System.Text;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>The captured Orthanc responses of <c>Data/</c> (see its README), found beside this source file.</summary>
internal static class Captures
{
    public static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Data");

    public static byte[] Body(string name) => File.ReadAllBytes(Path.Combine(Folder(), name + ".multipart"));

    public static MediaType ContentType(string name) =>
        MediaType.TryParse(File.ReadAllText(Path.Combine(Folder(), name + ".content-type"))) ?? throw new InvalidDataException(name);

    public static byte[] Json(string name) => File.ReadAllBytes(Path.Combine(Folder(), name + ".json"));

    /// <summary>Builds a multipart/related body from parts (headers, body) with CRLF delimiters.</summary>
    public static byte[] Multipart(string boundary, params (string Headers, byte[] Body)[] parts)
    {
        using var ms = new MemoryStream();
        foreach (var (headers, body) in parts)
        {
            Write(ms, $"--{boundary}\r\n{headers}\r\n");
            ms.Write(body);
            Write(ms, "\r\n");
        }
        Write(ms, $"--{boundary}--\r\n");
        return ms.ToArray();
    }

    public static void Write(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}

/// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read: boundaries split across reads.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
