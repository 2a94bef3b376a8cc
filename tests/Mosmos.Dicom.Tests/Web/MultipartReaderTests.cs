using System.Text;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>The multipart/related parser (RFC 2046 §5.1.1, PS3.18 §8.6.1.2) against real Orthanc bytes and edge cases.</summary>
public sealed class MultipartReaderTests
{
    private static readonly int[] ChunkSizes = [1, 2, 7, 4096];
    private static readonly string[] CaptureNames = ["orthanc-frames-explicit", "orthanc-instance", "orthanc-bulk"];

    private const string Boundary70 = "1af99af5-e9f1-46ef-826a-3705a0d70309-84f5ca91-1983-4115-b77e-d6310ea35";

    private static async Task<List<(MultipartPart Part, byte[] Body)>> ReadAllAsync(byte[] body, string boundary, long maxPart = 1 << 20, int chunk = 1 << 16)
    {
        var reader = new MultipartReader(new TrickleStream(body, chunk), boundary, maxPart);
        var parts = new List<(MultipartPart, byte[])>();
        while (await reader.ReadNextPartAsync() is { } part)
            parts.Add((part, await part.ReadAllAsync()));
        return parts;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(73)]
    [InlineData(65536)]
    public async Task Orthanc_frame_response_with_a_70_character_boundary_yields_one_512_byte_frame(int chunk)
    {
        var type = Captures.ContentType("orthanc-frames-explicit");
        Assert.Equal(70, type["boundary"]!.Length);
        Assert.Equal(Boundary70, type["boundary"]);

        var parts = await ReadAllAsync(Captures.Body("orthanc-frames-explicit"), type["boundary"]!, chunk: chunk);

        var (part, body) = Assert.Single(parts);
        Assert.Equal(512, body.Length);
        Assert.Equal(512, part.ContentLength);
        Assert.Equal("application/octet-stream", part.ContentType!.Type);
        Assert.Equal("1.2.840.10008.1.2.1", part.ContentType.TransferSyntax);
        Assert.EndsWith("/frames/1", part.ContentLocation, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_syntax_inside_the_quoted_type_parameter_is_found()
    {
        var type = Captures.ContentType("orthanc-frames-any");
        Assert.True(type.Is("multipart/related"));
        Assert.Equal("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", type["type"]);
        Assert.Equal("1.2.840.10008.1.2.1", type.TransferSyntax);
    }

    [Fact]
    public async Task Frame_bytes_equal_the_pixel_data_of_the_same_instance_retrieved_whole()
    {
        var frame = (await ReadAllAsync(Captures.Body("orthanc-frames-explicit"), Captures.ContentType("orthanc-frames-explicit")["boundary"]!)).Single().Body;
        var bulk = (await ReadAllAsync(Captures.Body("orthanc-bulk"), Captures.ContentType("orthanc-bulk")["boundary"]!)).Single().Body;
        var reader = new MultipartReader(new MemoryStream(Captures.Body("orthanc-instance")), Captures.ContentType("orthanc-instance")["boundary"]!, 1 << 20);
        var part = (await reader.ReadNextPartAsync())!;
        var file = await DicomFile.ReadAsync(part.OpenRead());

        Assert.Equal("application/dicom", part.ContentType!.Type);
        Assert.Equal(file.Dataset.GetBytes(DicomTags.PixelData).ToArray(), frame);
        Assert.Equal(frame, bulk);
        Assert.Null(await reader.ReadNextPartAsync());
    }

    [Fact]
    public async Task Body_bytes_that_look_like_a_delimiter_but_are_not_stay_in_the_part()
    {
        string boundary = "b0und4ry";
        var tricky = Encoding.ASCII.GetBytes("x\r\n--b0und4r\r\n--b0und\r\n-\r\r\n\r\n--\r");
        var body = Captures.Multipart(boundary, ("Content-Type: application/octet-stream\r\n", tricky), ("", [1, 2, 3]));

        foreach (int chunk in ChunkSizes)
        {
            var parts = await ReadAllAsync(body, boundary, chunk: chunk);
            Assert.Equal(2, parts.Count);
            Assert.Equal(tricky, parts[0].Body);
            Assert.Equal(new byte[] { 1, 2, 3 }, parts[1].Body);
            Assert.Null(parts[1].Part.ContentType);
        }
    }

    [Fact]
    public async Task Preamble_transport_padding_epilogue_empty_parts_and_folded_headers_are_accepted()
    {
        var body = Encoding.ASCII.GetBytes(
            "preamble text\r\n--bb \t\r\nContent-Type: application/octet-stream;\r\n transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n"
            + "\r\n--bb\r\nContent-Type: image/jp2\r\n\r\nJP2\r\n--bb--  epilogue\r\nmore");

        var parts = await ReadAllAsync(body, "bb", chunk: 5);

        Assert.Equal(2, parts.Count);
        Assert.Empty(parts[0].Body);
        Assert.Equal("1.2.840.10008.1.2.1", parts[0].Part.ContentType!.TransferSyntax);
        Assert.Equal("JP2"u8.ToArray(), parts[1].Body);
        Assert.Equal("image/jp2", parts[1].Part.ContentType!.Type);
    }

    [Fact]
    public async Task Every_truncation_of_a_real_response_fails_cleanly()
    {
        var full = Captures.Body("orthanc-frames-explicit");
        var boundary = Captures.ContentType("orthanc-frames-explicit")["boundary"]!;
        // The close delimiter is complete once "--boundary--" has arrived; its CRLF is optional.
        int complete = full.Length - 2;
        for (int length = 0; length < complete; length++)
        {
            var error = await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(full[..length], boundary, chunk: 97));
            Assert.NotEmpty(error.Message);
        }
        Assert.Single(await ReadAllAsync(full[..complete], boundary));
    }

    [Fact]
    public async Task A_missing_final_boundary_is_an_error()
    {
        var body = Encoding.ASCII.GetBytes("--bb\r\nContent-Type: application/octet-stream\r\n\r\nDATA\r\n--bb\r\n");
        var error = await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(body, "bb"));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

        var noDelimiterAtAll = Encoding.ASCII.GetBytes("--bb\r\n\r\nDATA");
        await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(noDelimiterAtAll, "bb"));
    }

    [Fact]
    public async Task A_part_larger_than_the_limit_is_refused_without_reading_it_whole()
    {
        var big = new byte[100_000];
        var body = Captures.Multipart("bb", ("Content-Type: application/octet-stream\r\n", big));
        var error = await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(body, "bb", maxPart: 10_000));
        Assert.Contains("limit of 10000 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTooLarge);

        var declared = Captures.Multipart("bb", ("Content-Length: 100000\r\n", [1]));
        error = await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(declared, "bb", maxPart: 10_000));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_is_copied_into_the_callers_buffer_and_one_that_does_not_fit_is_refused()
    {
        var frame = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var body = Captures.Multipart("bb", ("", frame));

        var reader = new MultipartReader(new TrickleStream(body, 11), "bb", 1 << 20);
        var destination = new byte[400];
        int n = await (await reader.ReadNextPartAsync())!.ReadIntoAsync(destination.AsMemory(50, 300));
        Assert.Equal(300, n);
        Assert.Equal(frame, destination[50..350]);

        reader = new MultipartReader(new MemoryStream(body), "bb", 1 << 20);
        var part = (await reader.ReadNextPartAsync())!;
        await Assert.ThrowsAsync<DicomWebException>(() => part.ReadIntoAsync(new byte[299]).AsTask());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ends-with-space ")]
    [InlineData("semi;colon")]
    public void Invalid_boundaries_are_rejected(string boundary) =>
        Assert.Throws<DicomWebException>(() => new MultipartReader(Stream.Null, boundary, 1024));

    [Fact]
    public void A_boundary_of_71_characters_is_rejected_and_70_accepted()
    {
        Assert.Throws<DicomWebException>(() => new MultipartReader(Stream.Null, new string('a', 71), 1024));
        _ = new MultipartReader(Stream.Null, new string('a', 70), 1024);
    }

    [Fact]
    public async Task Oversized_headers_and_garbage_fail_cleanly()
    {
        var longHeader = Encoding.ASCII.GetBytes("--bb\r\nX: " + new string('h', 40_000) + "\r\n\r\nbody\r\n--bb--");
        await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(longHeader, "bb"));
        await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync([], "bb"));
        await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync(new byte[100_000], "bb"));
        await Assert.ThrowsAsync<DicomWebException>(() => ReadAllAsync("--bbX\r\n\r\n"u8.ToArray(), "bb"));
    }

    [Fact]
    public async Task Random_mutations_of_real_responses_never_hang_and_throw_only_DicomWebException()
    {
        var random = new Random(20261124);
        var inputs = CaptureNames.Select(n => (Body: Captures.Body(n), Boundary: Captures.ContentType(n)["boundary"]!)).ToArray();
        for (int i = 0; i < 1500; i++)
        {
            var (original, boundary) = inputs[i % inputs.Length];
            var body = (byte[])original.Clone();
            for (int m = random.Next(1, 6); m > 0; m--)
            {
                int at = random.Next(body.Length);
                body[at] = random.Next(3) switch { 0 => (byte)'\r', 1 => (byte)'-', _ => (byte)random.Next(256) };
            }
            if (random.Next(4) == 0) body = body[..random.Next(body.Length)];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await ReadAllAsync(body, boundary, maxPart: 4096, chunk: random.Next(1, 200)).WaitAsync(timeout.Token);
            }
            catch (DicomWebException)
            {
                // The expected outcome for most mutations.
            }
        }
    }

    [Theory]
    [InlineData(13)]
    [InlineData(7919)]
    [InlineData(1 << 20)]
    public async Task Parts_larger_than_the_read_buffer_come_through_intact(int chunk)
    {
        var random = new Random(7);
        var bodies = Enumerable.Range(0, 3).Select(i => { var b = new byte[150_000 + i]; random.NextBytes(b); return b; }).ToArray();
        var body = Captures.Multipart(Boundary70, bodies.Select(b => ("Content-Type: application/octet-stream\r\n", b)).ToArray());

        var parts = await ReadAllAsync(body, Boundary70, chunk: chunk);

        Assert.Equal(bodies, parts.Select(p => p.Body));
    }

    [Fact]
    public async Task A_part_left_behind_cannot_be_read_after_the_next_one_was_requested()
    {
        var body = Captures.Multipart("bb", ("", [1, 2]), ("", [3]));
        var reader = new MultipartReader(new MemoryStream(body), "bb", 1024);
        var first = (await reader.ReadNextPartAsync())!;
        var second = (await reader.ReadNextPartAsync())!;
        Assert.Equal(new byte[] { 3 }, await second.ReadAllAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.ReadAllAsync().AsTask());
    }
}
