using MassTransit;
using Mosmos.Dicom;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// A JPEG 2000 Lossless series stored in the real Orthanc as it is (gdcmconv output, byte for byte) is fetched as
/// Explicit VR Little Endian — Orthanc transcodes with its GDCM plugin — and segmented exactly like the same
/// pixels stored uncompressed.
/// </summary>
[Collection(InMemoryWorkerGroup.Name)]
public sealed class CompressedInputTests(InMemoryWorkerFixture fixture)
{
    [Fact]
    public async Task JpegTwoThousandLosslessSeriesIsSegmentedLikeItsUncompressedTwin()
    {
        var plain = new SyntheticCt();
        var compressed = plain with { StudyInstanceUid = DicomUid.Generate(), SeriesInstanceUid = DicomUid.Generate() };
        await OrthancStudies.UploadAsync(plain);
        var orthanc = await TestServices.GetOrthancAsync();
        using var http = orthanc.CreateClient();
        var rest = new OrthancInstances(http, orthanc.Url);
        foreach (var file in await JpegTwoThousand.CompressAsync(compressed.Build()))
            Assert.Equal(JpegTwoThousand.LosslessUid, await rest.StoredTransferSyntaxAsync(await rest.StoreAsync(file)));
        var reference = WorkerHost.Job(plain);
        var job = WorkerHost.Job(compressed);

        await fixture.Worker.Bus.Publish(reference);
        await fixture.Worker.Bus.Publish(job);
        var expected = Assert.Single((await fixture.Worker.Events.CompletedAsync(reference.JobId)).Organs);
        var organ = Assert.Single((await fixture.Worker.Events.CompletedAsync(job.JobId)).Organs);

        // Lossless: the same voxels, so the same labels, volume and HU statistics to the last bit.
        Assert.Equal(expected.VolumeMl, organ.VolumeMl);
        Assert.Equal(expected.MeanHu, organ.MeanHu);
        Assert.InRange(organ.VolumeMl, SyntheticCt.SphereMl * 0.75, SyntheticCt.SphereMl * 1.25);
        Assert.Equal(1, Assert.Single(await OrthancStudies.SeriesAsync(compressed.StudyInstanceUid, "SEG")).Instances);
        Assert.Single(await OrthancStudies.SeriesAsync(compressed.StudyInstanceUid, "SR"));
        Assert.True(await rest.AnswersAsync(), "Orthanc survived transcoding JPEG 2000");
    }
}
