using System.Net;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>STOW-RS (PS3.18 §10.5): the request body the client sends and the recorded Orthanc answers it reads.</summary>
public sealed class DicomWebClientStowTests
{
    [Fact]
    public async Task A_stow_409_from_orthanc_becomes_a_result_naming_the_failed_instance()
    {
        var handler = new StubHandler(StubHandler.Bytes(Captures.Json("orthanc-stow-409"), "application/dicom+json", HttpStatusCode.Conflict));
        using var client = StubHandler.Client(handler);
        var dataset = SyntheticCt.Slices("1.2.826.0.1.3680043.2.1125.1", "1.2.826.0.1.3680043.2.1125.2", 1)[0];
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "2.25.281012932447481922933603639486124588040");

        var result = await client.StoreAsync([dataset], "1.2.3.4");

        Assert.Equal(HttpStatusCode.Conflict, result.StatusCode);
        Assert.Empty(result.Referenced);
        var failure = Assert.Single(result.Failed);
        Assert.Equal((ushort)0x0110, failure.FailureReason);
        Assert.Empty(result.Unacknowledged);
        var error = Assert.Throws<DicomWebStoreException>(() => result.EnsureSuccess());
        Assert.Contains("2.25.281012932447481922933603639486124588040: Failure Reason 0110H (processing failure)", error.Message, StringComparison.Ordinal);
        Assert.Equal("/dicom-web/studies/1.2.3.4", handler.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_stow_200_with_failed_sop_sequence_present_but_empty_means_no_failures()
    {
        var handler = new StubHandler(StubHandler.Bytes(Captures.Json("orthanc-stow-200"), "application/dicom+json"));
        using var client = StubHandler.Client(handler);
        var dataset = SyntheticCt.Slices("1.2.826.0.1.3680043.2.1125.1", "1.2.826.0.1.3680043.2.1125.2", 1)[0];
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "2.25.281012932447481922933603639486124588040");

        var result = (await client.StoreAsync([dataset])).EnsureSuccess();

        Assert.Empty(result.Failed);
        Assert.Single(result.Referenced);
        Assert.StartsWith("http://127.0.0.1:18142/dicom-web/studies/", result.RetrieveUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stow_body_is_multipart_related_with_one_part_10_file_per_instance()
    {
        byte[]? sent = null;
        string? contentType = null;
        var handler = new StubHandler(async (request, ct) =>
        {
            contentType = request.Content!.Headers.ContentType!.ToString();
            sent = await request.Content.ReadAsByteArrayAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = StubHandler.JsonContent("{}") };
        });
        using var client = StubHandler.Client(handler);
        var slices = SyntheticCt.Slices(DicomUid.Generate(), DicomUid.Generate(), 2);

        var result = await client.StoreAsync(slices);

        var type = MediaType.TryParse(contentType)!;
        Assert.Equal("application/dicom", type["type"]);
        var reader = new MultipartReader(new MemoryStream(sent!), type["boundary"]!, 1 << 20);
        for (int i = 0; i < 2; i++)
        {
            var part = (await reader.ReadNextPartAsync())!;
            Assert.Equal("application/dicom", part.ContentType!.Type);
            var file = await DicomFile.ReadAsync(part.OpenRead());
            Assert.Equal(slices[i].GetString(DicomTags.SopInstanceUid), file.Dataset.GetString(DicomTags.SopInstanceUid));
        }
        Assert.Null(await reader.ReadNextPartAsync());
        // An empty answer acknowledges nothing: both instances are reported, and EnsureSuccess names them.
        Assert.Equal(2, result.Unacknowledged.Count);
        Assert.Throws<DicomWebStoreException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task A_stow_retried_after_503_sends_the_whole_body_again()
    {
        var lengths = new List<int>();
        var handler = new StubHandler(
            async (request, ct) =>
            {
                lengths.Add((await request.Content!.ReadAsByteArrayAsync(ct)).Length);
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            },
            async (request, ct) =>
            {
                lengths.Add((await request.Content!.ReadAsByteArrayAsync(ct)).Length);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Captures.Json("orthanc-stow-200")) };
            });
        using var client = StubHandler.Client(handler);
        var dataset = SyntheticCt.Slices(DicomUid.Generate(), DicomUid.Generate(), 1)[0];
        dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, "2.25.281012932447481922933603639486124588040");

        (await client.StoreAsync([dataset])).EnsureSuccess();

        Assert.Equal(2, lengths.Count);
        Assert.Equal(lengths[0], lengths[1]);
    }
}
