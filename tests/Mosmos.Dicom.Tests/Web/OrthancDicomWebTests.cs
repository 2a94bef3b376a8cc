using System.Net;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>STOW, QIDO and WADO round trips against real Orthanc 1.10 with the DICOMweb plugin.</summary>
[Trait("Category", "Integration")]
public sealed class OrthancDicomWebTests(OrthancFixture fixture) : IClassFixture<OrthancFixture>
{
    private DicomWebClient Client => fixture.Client;

    private string Sop(int k) => fixture.Slices[k].GetString(DicomTags.SopInstanceUid)!;

    [Fact]
    public void Stow_stores_every_instance_of_the_generated_series()
    {
        var result = fixture.StoreResult.EnsureSuccess();

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(fixture.Slices.Select(s => s.GetString(DicomTags.SopInstanceUid)).Order(), result.Referenced.Select(r => r.SopInstanceUid).Order());
        Assert.All(result.Referenced, r => Assert.Contains(fixture.SeriesInstanceUid, r.RetrieveUrl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Qido_finds_the_study_series_and_pages_through_the_instances_three_at_a_time()
    {
        var studies = await Client.SearchStudiesAsync(new QidoQuery().Match(DicomTags.StudyInstanceUid, fixture.StudyInstanceUid)
            .Include(DicomTags.StudyDescription)).ToListAsync();
        var series = await Client.SearchSeriesAsync(fixture.StudyInstanceUid, new QidoQuery().Match("Modality", "CT")).ToListAsync();
        var instances = await Client.SearchInstancesAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid,
            new QidoQuery { PageSize = 3 }.Include(DicomTags.InstanceNumber)).ToListAsync();

        Assert.Equal(fixture.StudyInstanceUid, Assert.Single(studies).GetString(DicomTags.StudyInstanceUid));
        Assert.Equal(fixture.SeriesInstanceUid, Assert.Single(series).GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(OrthancFixture.SliceCount, instances.Count);
        Assert.Equal(fixture.Slices.Select(s => s.GetString(DicomTags.SopInstanceUid)).Order(),
            instances.Select(i => i.GetString(DicomTags.SopInstanceUid)).Order());
        Assert.Equal(Enumerable.Range(1, 8), instances.Select(i => i.GetInt32(DicomTags.InstanceNumber) ?? 0).Order());
    }

    [Fact]
    public async Task Qido_with_a_limit_and_offset_returns_that_window()
    {
        var window = await Client.SearchInstancesAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid,
            new QidoQuery { PageSize = 3, Offset = 2, Limit = 5 }).ToListAsync();

        Assert.Equal(5, window.Count);
        Assert.Equal(5, window.Select(d => d.GetString(DicomTags.SopInstanceUid)).Distinct().Count());
    }

    [Fact]
    public async Task Wado_metadata_returns_every_instance_with_a_bulk_data_uri_for_pixel_data()
    {
        var bulk = new List<DicomBulkDataReference>();
        var metadata = await Client.RetrieveMetadataAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, bulkData: bulk);

        Assert.Equal(OrthancFixture.SliceCount, metadata.Count);
        Assert.All(metadata, m => Assert.Equal((ushort)16, m.GetUInt16(DicomTags.Rows)));
        Assert.Equal(OrthancFixture.SliceCount, bulk.Count(b => b.Tag == DicomTags.PixelData));

        var reference = bulk.First(b => b.Tag == DicomTags.PixelData && b.Uri.Contains(Sop(3), StringComparison.Ordinal));
        Assert.Equal(SyntheticCt.Pixels(3), await Client.RetrieveBulkDataAsync(new Uri(reference.Uri)));
    }

    [Fact]
    public async Task Frames_come_back_identical_in_explicit_vr_little_endian_straight_into_the_callers_buffer()
    {
        var volume = new byte[OrthancFixture.SliceCount * SyntheticCt.Size * SyntheticCt.Size * 2];
        int frameBytes = SyntheticCt.Size * SyntheticCt.Size * 2;
        for (int k = 0; k < OrthancFixture.SliceCount; k++)
        {
            await foreach (var frame in Client.RetrieveFramesAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, Sop(k), [1]))
            {
                Assert.Equal("1.2.840.10008.1.2.1", frame.TransferSyntaxUid);
                Assert.Equal(frameBytes, await frame.ReadIntoAsync(volume.AsMemory(k * frameBytes, frameBytes)));
            }
        }
        for (int k = 0; k < OrthancFixture.SliceCount; k++)
            Assert.Equal(SyntheticCt.Pixels(k), volume.AsSpan(k * frameBytes, frameBytes).ToArray());
    }

    [Fact]
    public async Task Several_frames_of_a_multi_frame_instance_arrive_as_parts_in_the_order_asked()
    {
        var instance = SyntheticCt.MultiFrame(fixture.StudyInstanceUid, DicomUid.Generate(), 4);
        string series = instance.GetString(DicomTags.SeriesInstanceUid)!, sop = instance.GetString(DicomTags.SopInstanceUid)!;
        (await Client.StoreAsync([instance])).EnsureSuccess();

        var frames = new List<(int, byte[])>();
        await foreach (var frame in Client.RetrieveFramesAsync(fixture.StudyInstanceUid, series, sop, [4, 1, 3]))
            frames.Add((frame.FrameNumber, await frame.ReadAllAsync()));

        Assert.Equal([4, 1, 3], frames.Select(f => f.Item1));
        Assert.All(frames, f => Assert.Equal(SyntheticCt.Pixels(f.Item1 - 1), f.Item2));
    }

    [Fact]
    public async Task Frames_with_any_transfer_syntax_report_what_the_server_sent()
    {
        var frames = new List<(string?, byte[])>();
        await foreach (var frame in Client.RetrieveFramesAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, Sop(0), [1], DicomWebTransferSyntax.Any))
            frames.Add((frame.TransferSyntaxUid, await frame.ReadAllAsync()));

        var (syntax, bytes) = Assert.Single(frames);
        Assert.Equal("1.2.840.10008.1.2.1", syntax);
        Assert.Equal(SyntheticCt.Pixels(0), bytes);
    }

    [Fact]
    public async Task A_whole_instance_round_trips_element_for_element()
    {
        var file = await Client.RetrieveInstanceAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, Sop(5));

        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        var original = fixture.Slices[5];
        Assert.Equal(original.Select(i => i.Tag), file.Dataset.Select(i => i.Tag));
        foreach (var item in original)
            Assert.Equal(((DicomElement)item).Value.ToArray(), file.Dataset.GetBytes(item.Tag).ToArray());
    }

    [Fact]
    public async Task A_series_streams_back_as_part_10_files()
    {
        var files = await Client.RetrieveSeriesAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, TransferSyntax.ExplicitVRLittleEndian.Uid).ToListAsync();

        Assert.Equal(OrthancFixture.SliceCount, files.Count);
        Assert.Equal(fixture.Slices.Select(s => s.GetString(DicomTags.SopInstanceUid)).Order(),
            files.Select(f => f.Dataset.GetString(DicomTags.SopInstanceUid)).Order());
    }

    [Fact]
    public async Task A_stow_into_a_study_the_instance_does_not_belong_to_reports_the_failure()
    {
        var stray = SyntheticCt.Slices(DicomUid.Generate(), DicomUid.Generate(), 1)[0];
        string sop = stray.GetString(DicomTags.SopInstanceUid)!;

        var result = await Client.StoreAsync([stray], fixture.StudyInstanceUid);

        Assert.False(result.IsSuccess);
        Assert.Equal(HttpStatusCode.Conflict, result.StatusCode);
        var failure = Assert.Single(result.Failed);
        Assert.Equal(sop, failure.SopInstanceUid);
        Assert.NotNull(failure.FailureReason);
        var error = Assert.Throws<DicomWebStoreException>(() => result.EnsureSuccess());
        Assert.Contains(sop, error.Message, StringComparison.Ordinal);
        Assert.Contains("Failure Reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_on_disk_are_streamed_by_stow()
    {
        var dir = Directory.CreateTempSubdirectory("mosmos-web-");
        try
        {
            var slices = SyntheticCt.Slices(DicomUid.Generate(), DicomUid.Generate(), 2);
            var paths = slices.Select((s, i) => Path.Combine(dir.FullName, $"{i}.dcm")).ToArray();
            for (int i = 0; i < 2; i++) DicomWriter.Write(paths[i], slices[i]);

            var result = (await Client.StoreFilesAsync(paths)).EnsureSuccess();

            Assert.Equal(2, result.Referenced.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_credentials_give_a_clear_401_without_the_password()
    {
        using var client = fixture.CreateClient(o => o.Password = "not-the-password");

        var error = await Assert.ThrowsAsync<DicomWebException>(() => client.RetrieveMetadataAsync(fixture.StudyInstanceUid));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_is_a_404()
    {
        var error = await Assert.ThrowsAsync<DicomWebException>(() =>
            Client.RetrieveMetadataAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid, "1.2.3.4.5.6.7"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_metadata_response_over_the_limit_is_refused()
    {
        using var client = fixture.CreateClient(o => o.MaxResponseBytes = 2048);

        var error = await Assert.ThrowsAsync<DicomWebException>(() => client.RetrieveMetadataAsync(fixture.StudyInstanceUid, fixture.SeriesInstanceUid));

        Assert.Contains("limit of 2048 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTooLarge);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_call_stops()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.RetrieveMetadataAsync(fixture.StudyInstanceUid, cancellationToken: cts.Token));
    }
}
