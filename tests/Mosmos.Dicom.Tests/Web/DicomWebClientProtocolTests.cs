using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>What the client puts on the wire and how it reads answers, against recorded Orthanc responses.</summary>
public sealed class DicomWebClientProtocolTests
{
    private static string Instances(int from, int count) =>
        "[" + string.Join(',', Enumerable.Range(from, count).Select(i => $"{{\"00080018\":{{\"vr\":\"UI\",\"Value\":[\"1.2.3.{i}\"]}}}}")) + "]";

    [Fact]
    public async Task Qido_pages_with_limit_and_offset_until_a_short_page()
    {
        var handler = new StubHandler(StubHandler.Json(Instances(0, 3)), StubHandler.Json(Instances(3, 3)), StubHandler.Json(Instances(6, 2)));
        using var client = StubHandler.Client(handler);
        var query = new QidoQuery { PageSize = 3 }.Match(DicomTags.Modality, "CT").Match("StudyDate", "20240101-20241231").Include(DicomTags.InstanceNumber);

        var uids = new List<string?>();
        await foreach (var ds in client.SearchInstancesAsync("1.2", "1.2.5", query))
            uids.Add(ds.GetString(DicomTags.SopInstanceUid));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"1.2.3.{i}"), uids);
        Assert.Equal(3, handler.Calls);
        Assert.Equal("/dicom-web/studies/1.2/series/1.2.5/instances", handler.Requests[0].RequestUri!.AbsolutePath);
        Assert.Equal("?00080060=CT&StudyDate=20240101-20241231&includefield=00200013&limit=3", handler.Requests[0].RequestUri!.Query);
        Assert.EndsWith("&limit=3&offset=3", handler.Requests[1].RequestUri!.Query, StringComparison.Ordinal);
        Assert.EndsWith("&limit=3&offset=6", handler.Requests[2].RequestUri!.Query, StringComparison.Ordinal);
        Assert.Equal("application/dicom+json", handler.Requests[0].Headers.Accept.ToString());
    }

    [Fact]
    public async Task Qido_stops_at_the_callers_limit_and_at_an_empty_page()
    {
        var handler = new StubHandler(StubHandler.Json(Instances(0, 2)), StubHandler.Json(Instances(2, 2)), StubHandler.Json("[]"));
        using var client = StubHandler.Client(handler);

        int count = 0;
        await foreach (var _ in client.SearchStudiesAsync(new QidoQuery { PageSize = 2, Limit = 3, FuzzyMatching = true })) count++;

        Assert.Equal(3, count);
        Assert.Equal(2, handler.Calls);
        Assert.EndsWith("fuzzymatching=true&limit=1&offset=2", handler.Requests[1].RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_ignores_paging_is_asked_once_not_forever()
    {
        var handler = new StubHandler(StubHandler.Json(Instances(0, 8)));
        using var client = StubHandler.Client(handler);

        int count = 0;
        await foreach (var _ in client.SearchInstancesAsync(query: new QidoQuery { PageSize = 3 })) count++;

        Assert.Equal(8, count);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Frames_are_asked_for_in_explicit_vr_little_endian_and_report_their_transfer_syntax()
    {
        var handler = new StubHandler(StubHandler.Bytes(Captures.Body("orthanc-frames-explicit"), File.ReadAllText(Path.Combine(Captures.Folder(), "orthanc-frames-explicit.content-type"))));
        using var client = StubHandler.Client(handler);

        var destination = new byte[512];
        var seen = new List<(int, string?, string)>();
        await foreach (var frame in client.RetrieveFramesAsync("1.2", "1.3", "1.4", [1]))
        {
            Assert.Equal(512, await frame.ReadIntoAsync(destination));
            seen.Add((frame.FrameNumber, frame.TransferSyntaxUid, frame.MediaType));
        }

        Assert.Equal([(1, "1.2.840.10008.1.2.1", "application/octet-stream")], seen);
        Assert.Equal("multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.1",
            handler.Requests[0].Headers.GetValues("Accept").Single());
        Assert.EndsWith("/studies/1.2/series/1.3/instances/1.4/frames/1", handler.Requests[0].RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_part_reports_its_own_type_and_syntax()
    {
        var body = Captures.Multipart("bb",
            ("Content-Type: image/jp2\r\n", [0xFF, 0x4F]),
            ("Content-Type: image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.70\r\n", [0xFF, 0xD8]));
        var handler = new StubHandler(StubHandler.Bytes(body, "multipart/related; type=\"application/octet-stream\"; boundary=bb"));
        using var client = StubHandler.Client(handler);

        var frames = new List<(int, string?, string)>();
        await foreach (var frame in client.RetrieveFramesAsync("1.2", "1.3", "1.4", [2, 5], DicomWebTransferSyntax.Any))
            frames.Add((frame.FrameNumber, frame.TransferSyntaxUid, frame.MediaType));

        Assert.Equal([(2, "1.2.840.10008.1.2.4.90", "image/jp2"), (5, "1.2.840.10008.1.2.4.70", "image/jpeg")], frames);
        Assert.EndsWith("/frames/2,5", handler.Requests[0].RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith("transfer-syntax=*", handler.Requests[0].Headers.GetValues("Accept").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fewer_parts_than_frames_asked_for_is_an_error()
    {
        var body = Captures.Multipart("bb", ("", [1]));
        var handler = new StubHandler(StubHandler.Bytes(body, "multipart/related; boundary=bb"));
        using var client = StubHandler.Client(handler);

        await Assert.ThrowsAsync<DicomWebException>(async () =>
        {
            await foreach (var _ in client.RetrieveFramesAsync("1.2", "1.3", "1.4", [1, 2])) { }
        });
    }

    [Fact]
    public void Options_validation_reports_every_problem_at_once()
    {
        var options = new DicomWebClientOptions
        {
            BaseUrl = new Uri("ftp://user:pw@host/"),
            Username = "a:b",
            MaxResponseBytes = 10,
            RetryCount = -1,
            Timeout = TimeSpan.Zero,
        };

        var error = Assert.Throws<OptionsValidationException>(() => new DicomWebClient(options));

        Assert.True(error.Failures.Count() >= 5, string.Join(" | ", error.Failures));
        Assert.DoesNotContain("pw", string.Join(" | ", error.Failures).Replace("Password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependency_injection_registers_a_validated_client_with_the_retry_handler()
    {
        var handler = new StubHandler(StubHandler.Status(HttpStatusCode.ServiceUnavailable), StubHandler.Json("[]"));
        var services = new ServiceCollection();
        services.AddDicomWebClient(o =>
        {
            o.BaseUrl = new Uri("http://pacs.invalid/dicom-web/");
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IDicomWebClient>();
        var result = await client.RetrieveMetadataAsync("1.2", "1.3", "1.4");

        Assert.Empty(result);
        Assert.Equal(2, handler.Calls);
        Assert.Equal("/dicom-web/studies/1.2/series/1.3/instances/1.4/metadata", handler.Requests[1].RequestUri!.AbsolutePath);

        var invalid = new ServiceCollection();
        invalid.AddDicomWebClient();
        await using var invalidProvider = invalid.BuildServiceProvider();
        var failure = Assert.Throws<OptionsValidationException>(() => invalidProvider.GetRequiredService<IDicomWebClient>());
        Assert.Contains("BaseUrl is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_data_uris_on_another_server_are_refused_before_sending_credentials()
    {
        var handler = new StubHandler(StubHandler.Json("[]"));
        using var client = StubHandler.Client(handler);

        await Assert.ThrowsAsync<DicomWebException>(() => client.RetrieveBulkDataAsync(new Uri("http://evil.invalid/bulk/1")));
        Assert.Equal(0, handler.Calls);
    }
}
