using System.Net;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>Retries, timeouts, cancellation, size limits and error reporting, through the real handler chain.</summary>
public sealed class DicomWebClientResilienceTests
{
    private static Task<IReadOnlyList<DicomDataset>> Metadata(DicomWebClient client, CancellationToken ct = default) =>
        client.RetrieveMetadataAsync("1.2.3", "1.2.3.4", cancellationToken: ct);

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_statuses_are_retried_until_success(HttpStatusCode status)
    {
        var handler = new StubHandler(StubHandler.Status(status), StubHandler.Status(status), StubHandler.Json("[{}]"));
        using var client = StubHandler.Client(handler);

        var result = await Metadata(client);

        Assert.Single(result);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Network_errors_are_retried_and_reported_after_the_last_attempt()
    {
        var handler = new StubHandler(StubHandler.Throw(new HttpRequestException("Connection refused (pacs.invalid:80)")));
        using var client = StubHandler.Client(handler, o => o.RetryCount = 2);

        var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));

        Assert.Equal(3, handler.Calls);
        Assert.Null(error.StatusCode);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotImplemented)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotAcceptable)]
    public async Task Client_errors_and_501_are_not_retried(HttpStatusCode status)
    {
        var handler = new StubHandler(StubHandler.Status(status, "{\"Message\":\"no\"}"), StubHandler.Json("[]"));
        using var client = StubHandler.Client(handler);

        var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));

        Assert.Equal(1, handler.Calls);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"HTTP {(int)status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("studies/1.2.3/series/1.2.3.4/metadata", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"Message\":\"no\"}", error.ResponseText);
    }

    [Fact]
    public async Task Messages_never_carry_credentials_or_query_strings()
    {
        var handler = new StubHandler(StubHandler.Status(HttpStatusCode.Unauthorized));
        using var client = StubHandler.Client(handler);

        var error = await Assert.ThrowsAsync<DicomWebException>(async () =>
        {
            await foreach (var _ in client.SearchStudiesAsync(new QidoQuery().Match("PatientID", "SECRET-PATIENT-42"))) { }
        });

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        string everything = error.ToString();
        Assert.DoesNotContain("s3cret-pw", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Authorizations[0]!.Split(' ')[1], everything, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-PATIENT-42", everything, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", handler.Authorizations[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_tokens_are_sent_as_such()
    {
        var handler = new StubHandler(StubHandler.Json("[]"));
        using var client = StubHandler.Client(handler, o => (o.Username, o.Password, o.BearerToken) = (null, null, "tok.en"));

        await Metadata(client);

        Assert.Equal("Bearer tok.en", handler.Authorizations[0]);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_clear_exception()
    {
        var handler = new StubHandler(StubHandler.Hang());
        using var client = StubHandler.Client(handler, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));

        Assert.True(error.IsTimeout);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_times_out_too()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) }));
        using var client = StubHandler.Client(handler, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));

        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates_as_cancellation()
    {
        var handler = new StubHandler(StubHandler.Hang());
        using var client = StubHandler.Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Metadata(client, cts.Token));
    }

    [Fact]
    public async Task Responses_over_the_limit_are_refused_whether_declared_or_chunked()
    {
        var big = new byte[5000];
        var declared = new StubHandler(StubHandler.Bytes(big, "application/dicom+json"));
        using (var client = StubHandler.Client(declared, o => o.MaxResponseBytes = 4096))
        {
            var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));
            Assert.Contains("exceeds the limit of 4096 bytes", error.Message, StringComparison.Ordinal);
            Assert.True(error.IsTooLarge);
        }

        var chunked = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new TrickleStream(big, 100)) }));
        using (var client = StubHandler.Client(chunked, o => o.MaxResponseBytes = 4096))
        {
            var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));
            Assert.Contains("limit of 4096 bytes", error.Message, StringComparison.Ordinal);
            Assert.True(error.IsTooLarge);
        }
    }

    [Fact]
    public async Task A_frame_over_the_limit_is_refused()
    {
        var body = Captures.Multipart("bb", ("Content-Type: application/octet-stream\r\n", new byte[3000]));
        var handler = new StubHandler(StubHandler.Bytes(body, "multipart/related; type=\"application/octet-stream\"; boundary=bb"));
        using var client = StubHandler.Client(handler, o => o.MaxResponseBytes = 2048);

        var error = await Assert.ThrowsAsync<DicomWebException>(async () =>
        {
            await foreach (var frame in client.RetrieveFramesAsync("1.2", "1.3", "1.4", [1]))
                await frame.ReadAllAsync();
        });

        Assert.Contains("limit of 2048 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTooLarge);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_reported_as_a_DicomWebException()
    {
        var handler = new StubHandler(StubHandler.Json("[{\"0020000D\": 12"));
        using var client = StubHandler.Client(handler);

        var error = await Assert.ThrowsAsync<DicomWebException>(() => Metadata(client));

        Assert.IsType<DicomFormatException>(error.InnerException);
    }

    /// <summary>Returns nothing until cancelled.</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
