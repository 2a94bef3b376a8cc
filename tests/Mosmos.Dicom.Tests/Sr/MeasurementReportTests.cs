using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;
using Mosmos.Dicom.Tests.Seg;

namespace Mosmos.Dicom.Tests.Sr;

/// <summary>
/// The TID 1500 tree itself (validators miss template errors, dicom-seg-sr.md §3.5): order, tracking identifier
/// with UID, finding site with laterality, segment reference inside the Referenced SOP item, units, derivations.
/// </summary>
public sealed class MeasurementReportTests
{
    private static readonly CodedConcept[] Derivations = [SrCodes.Mean, SrCodes.Minimum, SrCodes.Maximum, SrCodes.StandardDeviation];

    private static (MeasurementReportResult Report, SegmentationResult Seg, SourceSeries Source) Build()
    {
        var source = new SegTestSeries().Source();
        var map = SegFixtures.Baseline();
        var seg = SegWriter.Encode(map, source, SegFixtures.BaselineSegments(), SegFixtures.Options())!;
        var hu = Enumerable.Range(0, map.Voxels.Length).Select(i => (short)i).ToArray();
        var report = MeasurementReportWriter.Write(new MeasurementReportInput
        {
            Source = source,
            Segmentation = seg,
            Measurements = SegmentMeasurements.Compute<short>(map, hu, source.VoxelVolumeMm3),
            UidKey = "seg-test-key",
            Algorithm = SegFixtures.Algorithm,
            CreatedAt = SegFixtures.FixedTime,
        });
        return (report, seg, source);
    }

    private static CodedConcept? Name(DicomDataset item) => CodedConcept.FromDataset(item.GetSequenceItem(DicomTags.ConceptNameCodeSequence));

    private static CodedConcept? Value(DicomDataset item) => CodedConcept.FromDataset(item.GetSequenceItem(DicomTags.ConceptCodeSequence));

    [Fact]
    public void Root_is_tid_1500_with_context_in_template_order()
    {
        var ds = Build().Report.Dataset;

        Assert.Equal(MeasurementReportWriter.EnhancedSrSopClass, ds.GetString(DicomTags.SopClassUid));
        Assert.True(SrCodes.ImagingMeasurementReport.Matches(Name(ds)));
        Assert.Equal("1500", ds.GetSequenceItem(DicomTags.ContentTemplateSequence)!.GetString(DicomTags.TemplateIdentifier));
        var names = ds.GetSequence(DicomTags.ContentSequence).Select(i => Name(i)!.Value).ToArray();
        Assert.Equal(["121049", "121005", "121012", "121013", "121014", "121015", "121058", "111028", "126010"], names);
        Assert.True(SrCodes.CtUnspecifiedBodyRegion.Matches(Value(ds.GetSequence(DicomTags.ContentSequence)[6])));
    }

    [Fact]
    public void Each_segment_has_a_complete_measurement_group()
    {
        var (report, seg, source) = Build();
        var groups = report.Dataset.GetSequence(DicomTags.ContentSequence)[^1].GetSequence(DicomTags.ContentSequence);
        Assert.Equal(2, groups.Count);

        var kidney = groups[1].GetSequence(DicomTags.ContentSequence);
        Assert.Equal("kidney_left", kidney[0].GetString(DicomTags.TextValue));
        Assert.Equal(seg.Segments[1].TrackingUid, kidney[1].GetString(DicomTags.Uid));
        Assert.True(SrCodes.TrackingUniqueIdentifier.Matches(Name(kidney[1])));
        Assert.True(OrganCatalog.Get("kidney_left").Type.Matches(Value(kidney[2])));

        var segment = kidney.Single(i => SrCodes.ReferencedSegment.Matches(Name(i))).GetSequenceItem(DicomTags.ReferencedSopSequence)!;
        Assert.Equal(seg.SopInstanceUid, segment.GetString(DicomTags.ReferencedSopInstanceUid));
        Assert.Equal((ushort)2, segment.GetUInt16(DicomTags.ReferencedSegmentNumber));
        Assert.Equal(source.SeriesInstanceUid, kidney.Single(i => SrCodes.SourceSeriesForSegmentation.Matches(Name(i))).GetString(DicomTags.Uid));

        var site = kidney.Single(i => SrCodes.FindingSite.Matches(Name(i)));
        Assert.True(Codes.Left.Matches(Value(site.GetSequence(DicomTags.ContentSequence).Single())));

        var volume = kidney.Single(i => SrCodes.Volume.Matches(Name(i))).GetSequenceItem(DicomTags.MeasuredValueSequence)!;
        Assert.Equal("0.0032", volume.GetString(DicomTags.NumericValue)); // 2 voxels × 1.6 mm³
        Assert.True(SrCodes.CubicCentimeter.Matches(CodedConcept.FromDataset(volume.GetSequenceItem(DicomTags.MeasurementUnitsCodeSequence))));

        var hu = kidney.Where(i => SrCodes.AttenuationCoefficient.Matches(Name(i))).ToArray();
        Assert.Equal(Derivations.Select(d => d.Value), hu.Select(i => Value(i.GetSequence(DicomTags.ContentSequence).Single())!.Value));
        // Kidney voxels (0,0,2) and (3,2,2) are at indices 50 and 63: mean 56.5, min 50, max 63, SD 6.5.
        Assert.Equal(["56.5", "50", "63", "6.5"], hu.Select(i => i.GetSequenceItem(DicomTags.MeasuredValueSequence)!.GetString(DicomTags.NumericValue)));
    }

    [Fact]
    public void Spleen_group_has_no_laterality()
    {
        var groups = Build().Report.Dataset.GetSequence(DicomTags.ContentSequence)[^1].GetSequence(DicomTags.ContentSequence);
        var site = groups[0].GetSequence(DicomTags.ContentSequence).Single(i => SrCodes.FindingSite.Matches(Name(i)));
        Assert.False(site.Contains(DicomTags.ContentSequence));
    }

    [Fact]
    public void Evidence_lists_the_seg_and_every_source_image()
    {
        var (report, seg, source) = Build();
        var study = report.Dataset.GetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence).Single();
        Assert.Equal(source.StudyInstanceUid, study.GetString(DicomTags.StudyInstanceUid));
        var series = study.GetSequence(DicomTags.ReferencedSeriesSequence);
        Assert.Equal([source.SeriesInstanceUid, seg.SeriesInstanceUid], series.Select(s => s.GetString(DicomTags.SeriesInstanceUid)));
        Assert.Equal(source.Frames.Select(f => f.SopInstanceUid), series[0].GetSequence(DicomTags.ReferencedSopSequence).Select(s => s.GetString(DicomTags.ReferencedSopInstanceUid)));
        Assert.Equal(seg.SopInstanceUid, series[1].GetSequence(DicomTags.ReferencedSopSequence).Single().GetString(DicomTags.ReferencedSopInstanceUid));
    }

    [Fact]
    public void Nothing_found_gives_an_empty_imaging_measurements_container()
    {
        var source = new SegTestSeries().Source();
        var report = MeasurementReportWriter.Write(new MeasurementReportInput { Source = source, UidKey = "empty" });
        var measurements = report.Dataset.GetSequence(DicomTags.ContentSequence)[^1];

        Assert.True(SrCodes.ImagingMeasurements.Matches(Name(measurements)));
        Assert.False(measurements.Contains(DicomTags.ContentSequence));
        Assert.Single(report.Dataset.GetSequenceItem(DicomTags.CurrentRequestedProcedureEvidenceSequence)!.GetSequence(DicomTags.ReferencedSeriesSequence));
    }
}
