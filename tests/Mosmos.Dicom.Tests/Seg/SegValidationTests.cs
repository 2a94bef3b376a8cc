using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>Our SEG and SR through the real validators (dicom-seg-sr.md §6): dciodvfy, dcentvfy, pixelmed.</summary>
public sealed class SegValidationTests : IDisposable
{
    private readonly string _root = SegFixtures.TempFolder();
    private int _studies;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly string[] ObliqueOrgans = ["liver", "kidney_right", "kidney_left"];

    /// <summary>HU of slice k: a ramp, so statistics are not trivial.</summary>
    private static short[] Hu(SegTestSeries series, int k) =>
        Enumerable.Range(0, series.Rows * series.Columns).Select(i => (short)(i * 10 - 100 + k)).ToArray();

    private (string Seg, string Sr, IReadOnlyList<string> Ct) WriteStudy(SegTestSeries series, LabelMap map, IReadOnlyList<SegmentDescription> segments, SegWriterOptions options)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "study-" + Interlocked.Increment(ref _studies))).FullName;
        var ct = series.WriteTo(folder, k => Hu(series, k));
        var source = series.Source(k => Hu(series, k));
        var seg = SegWriter.Encode(map, source, segments, options);
        var hu = Enumerable.Range(0, series.Slices).SelectMany(k => Hu(series, k)).ToArray();
        var sr = MeasurementReportWriter.Write(new MeasurementReportInput
        {
            Source = source,
            Segmentation = seg,
            Measurements = SegmentMeasurements.Compute<short>(map, hu, source.VoxelVolumeMm3),
            UidKey = options.UidKey,
            Algorithm = options.Algorithm,
            CreatedAt = SegFixtures.FixedTime,
        });
        string segPath = Path.Combine(folder, "seg.dcm"), srPath = Path.Combine(folder, "sr.dcm");
        if (seg is not null) DicomWriter.Write(segPath, seg.Dataset);
        DicomWriter.Write(srPath, sr.Dataset);
        return (seg is null ? string.Empty : segPath, srPath, ct);
    }

    [Fact]
    public async Task Baseline_seg_and_sr_pass_every_validator()
    {
        var (seg, sr, ct) = WriteStudy(new SegTestSeries(), SegFixtures.Baseline(), SegFixtures.BaselineSegments(), SegFixtures.Options());

        await Validators.AssertIodValidAsync(seg);
        await Validators.AssertIodValidAsync(sr);
        await Validators.AssertEntitiesConsistentAsync([.. ct, seg, sr]);
        await Validators.AssertSrTemplateValidAsync(sr);
    }

    [Fact]
    public async Task Oblique_reversed_odd_sized_series_validates()
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, RowDirection = [0.8660254, 0.5, 0], ColumnDirection = [0.0868241, -0.1503837, -0.9848078], Reversed = true };
        var map = SegFixtures.Random(13, 11, 7, labels: 3);
        var segments = ObliqueOrgans.Select((id, i) => SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1))).ToArray();
        var (seg, sr, ct) = WriteStudy(series, map, segments, SegFixtures.Options("oblique"));

        await Validators.AssertIodValidAsync(seg);
        await Validators.AssertIodValidAsync(sr);
        await Validators.AssertEntitiesConsistentAsync([.. ct, seg, sr]);
    }

    [Fact]
    public async Task Twenty_two_segments_validate()
    {
        var extra = new (string Code, string Meaning)[]
        {
            ("80891009", "Heart"), ("12738006", "Brain"), ("39607008", "Lung"), ("74281007", "Myocardium"),
            ("81040000", "Pulmonary artery"), ("82471001", "Left atrium"),
        };
        var segments = SegmentDescription.FromCatalog().Concat(extra.Select((e, i) =>
            new SegmentDescription((byte)(17 + i), e.Meaning, Codes.AnatomicalStructure, new CodedConcept(e.Code, "SCT", e.Meaning)) { CieLab = [30000, 40000, 20000] })).ToArray();
        var series = new SegTestSeries { Columns = 9, Rows = 7, Slices = 4 };
        var map = new LabelMap(9, 7, 4);
        for (int i = 0; i < map.Voxels.Length; i++) map.Voxels[i] = (byte)(i % 23);
        var (seg, sr, _) = WriteStudy(series, map, segments, SegFixtures.Options("many"));

        await Validators.AssertIodValidAsync(seg);
        await Validators.AssertIodValidAsync(sr);
        Assert.Equal(22, DicomFile.Open(seg).Dataset.GetSequence(DicomTags.SegmentSequence).Count);
    }

    [Fact]
    public async Task Segmentation_of_an_enhanced_multiframe_source_validates()
    {
        var series = new SegTestSeries { Columns = 7, Rows = 5, Slices = 4 };
        var source = SourceSeriesBuilder.FromEnhanced(SegSurgery.EnhancedCt(series));
        var seg = SegWriter.Encode(SegFixtures.Random(7, 5, 4, labels: 2), source, SegFixtures.BaselineSegments()
            .Select((s, i) => s with { LabelValue = (byte)(i + 1) }).ToArray(), SegFixtures.Options("enhanced"))!;
        string path = Path.Combine(_root, "enhanced-seg.dcm");
        DicomWriter.Write(path, seg.Dataset);

        await Validators.AssertIodValidAsync(path);
    }

    [Fact]
    public async Task All_frames_option_validates()
    {
        var (seg, _, _) = WriteStudy(new SegTestSeries(), SegFixtures.Baseline(), SegFixtures.BaselineSegments(), SegFixtures.Options() with { OmitEmptyFrames = false });
        await Validators.AssertIodValidAsync(seg);
    }

    [Theory]
    [InlineData(true, FractionalType.Probability, 3)]
    [InlineData(false, FractionalType.Occupancy, 1)]
    public async Task Fractional_seg_validates(bool omitEmpty, FractionalType fractionalType, int segments)
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, RowDirection = [0.8660254, 0.5, 0], ColumnDirection = [0.0868241, -0.1503837, -0.9848078], Reversed = true };
        string folder = Directory.CreateDirectory(Path.Combine(_root, "fractional-" + Interlocked.Increment(ref _studies))).FullName;
        var ct = series.WriteTo(folder);
        var maps = new FractionalSegmentation(13, 11, 7, maximumFractionalValue: 200);
        foreach (var (id, i) in ObliqueOrgans.Take(segments).Select((id, i) => (id, i)))
            maps.Add(SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1)), SegFixtures.FractionalValues(13, 11, 7, 200, emptySlice: i + 2, seed: i));
        maps.Add(SegmentDescription.FromOrgan(OrganCatalog.Get("spleen"), 9), new byte[13 * 11 * 7]); // absent: not written
        var seg = SegWriter.EncodeFractional(maps, series.Source(), SegFixtures.FractionalOptions("fractional") with { OmitEmptyFrames = omitEmpty, FractionalType = fractionalType })!;
        string path = Path.Combine(folder, "seg.dcm");
        DicomWriter.Write(path, seg.Dataset);

        await Validators.AssertIodValidAsync(path);
        await Validators.AssertEntitiesConsistentAsync([.. ct, path]);
    }

    [Fact]
    public async Task Nothing_found_report_is_valid()
    {
        var (seg, sr, ct) = WriteStudy(new SegTestSeries(), new LabelMap(5, 5, 3), SegmentDescription.FromCatalog(), SegFixtures.Options("empty"));

        Assert.Equal(string.Empty, seg);
        await Validators.AssertIodValidAsync(sr);
        await Validators.AssertEntitiesConsistentAsync([.. ct, sr]);
        await Validators.AssertSrTemplateValidAsync(sr);
    }
}
