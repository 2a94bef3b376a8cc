using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;
using Mosmos.Dicom.Tests.Web;

namespace Mosmos.Dicom.Tests.Seg.Interop;

/// <summary>The real test Orthanc accepts our SEG and SR by STOW-RS and returns them unchanged by WADO-RS.</summary>
public sealed class OrthancSegSrTests(OrthancFixture orthanc) : IClassFixture<OrthancFixture>
{
    [Fact]
    public async Task Seg_and_sr_come_back_byte_identical_after_parse()
    {
        string seed = Guid.NewGuid().ToString("N");
        var source = new SegTestSeries { Seed = seed, Columns = 13, Rows = 11, Slices = 7 }.Source();
        var map = SegFixtures.Random(13, 11, 7, labels: 2);
        var seg = SegWriter.Encode(map, source, SegFixtures.BaselineSegments(), SegFixtures.Options(seed))!;
        var hu = new short[map.Voxels.Length];
        var sr = MeasurementReportWriter.Write(new MeasurementReportInput
        {
            Source = source,
            Segmentation = seg,
            Measurements = SegmentMeasurements.Compute<short>(map, hu, source.VoxelVolumeMm3),
            UidKey = seed,
            Algorithm = SegFixtures.Algorithm,
            CreatedAt = SegFixtures.FixedTime,
        });

        (await orthanc.Client.StoreAsync([seg.Dataset, sr.Dataset])).EnsureSuccess();

        foreach (var sent in new[] { seg.Dataset, sr.Dataset })
        {
            var back = await orthanc.Client.RetrieveInstanceAsync(
                sent.GetString(DicomTags.StudyInstanceUid)!, sent.GetString(DicomTags.SeriesInstanceUid)!, sent.GetString(DicomTags.SopInstanceUid)!);
            Assert.Equal(DicomWriter.ToBytes(sent), DicomWriter.ToBytes(back.Dataset));
        }
    }
}
