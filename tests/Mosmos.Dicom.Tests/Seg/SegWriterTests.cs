using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

public sealed class SegWriterTests
{
    [Fact]
    public void Baseline_packs_three_5x5_frames_into_ten_bytes()
    {
        var series = new SegTestSeries();
        var result = SegWriter.Encode(SegFixtures.Baseline(), series.Source(), SegFixtures.BaselineSegments(), SegFixtures.Options())!;

        Assert.Equal(3, result.NumberOfFrames);
        Assert.Equal(10, result.Dataset.GetBytes(DicomTags.PixelData).Length);
        Assert.Empty(SegConformance.Check(result.Dataset));
        Assert.Equal([1, 2], result.Segments.Select(s => s.SegmentNumber));
    }

    [Fact]
    public void Header_copies_source_geometry_and_identity_verbatim()
    {
        var series = new SegTestSeries { RowDirection = [0.8660254, 0.5, 0], ColumnDirection = [0, 0, -1], Reversed = true };
        var source = series.Source();
        var ds = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;

        var shared = ds.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence)!;
        Assert.Equal(series.IopText, shared.GetSequenceItem(DicomTags.PlaneOrientationSequence)!.GetString(DicomTags.ImageOrientationPatient));
        Assert.Equal("0.8\\0.8", shared.GetSequenceItem(DicomTags.PixelMeasuresSequence)!.GetString(DicomTags.PixelSpacing));
        var frames = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        Assert.Equal(series.IppText(0), frames[0].GetSequenceItem(DicomTags.PlanePositionSequence)!.GetString(DicomTags.ImagePositionPatient));
        Assert.Equal(series.FrameOfReferenceUid, ds.GetString(DicomTags.FrameOfReferenceUid));
        Assert.Equal(series.StudyUid, ds.GetString(DicomTags.StudyInstanceUid));
        Assert.Equal("Synthetic^Patient", ds.GetString(DicomTags.PatientName));
        Assert.Equal("00", ds.GetString(DicomTags.LossyImageCompression));
        Assert.Equal("NO", ds.GetString(DicomTags.SegmentsOverlap));
        Assert.Equal(["DERIVED", "PRIMARY"], ds.GetStrings(DicomTags.ImageType));
    }

    [Fact]
    public void Segment_items_carry_catalog_codes_laterality_colour_and_algorithm()
    {
        var ds = SegWriter.Encode(SegFixtures.Baseline(), new SegTestSeries().Source(), SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var kidney = ds.GetSequence(DicomTags.SegmentSequence)[1];
        var organ = OrganCatalog.Get("kidney_left");

        Assert.Equal("AUTOMATIC", kidney.GetString(DicomTags.SegmentAlgorithmType));
        Assert.Equal("MOSMOS test model", kidney.GetString(DicomTags.SegmentAlgorithmName));
        var type = kidney.GetSequenceItem(DicomTags.SegmentedPropertyTypeCodeSequence);
        Assert.True(organ.Type.Matches(CodedConcept.FromDataset(type)));
        Assert.True(Codes.Left.Matches(CodedConcept.FromDataset(type!.GetSequenceItem(DicomTags.SegmentedPropertyTypeModifierCodeSequence))));
        Assert.True(Codes.AnatomicalStructure.Matches(CodedConcept.FromDataset(kidney.GetSequenceItem(DicomTags.SegmentedPropertyCategoryCodeSequence))));
        Assert.Equal(organ.CieLabColor.Select(v => (double)v), kidney.GetDoubles(DicomTags.RecommendedDisplayCieLabValue));
        var algorithm = kidney.GetSequenceItem(DicomTags.SegmentationAlgorithmIdentificationSequence)!;
        Assert.Equal("0.1.0", algorithm.GetString(DicomTags.AlgorithmVersion));
        Assert.True(Codes.ArtificialIntelligence.Matches(CodedConcept.FromDataset(algorithm.GetSequenceItem(DicomTags.AlgorithmFamilyCodeSequence))));
        Assert.Equal("kidney_left", kidney.GetString(DicomTags.TrackingId));
        Assert.NotNull(kidney.GetString(DicomTags.TrackingUid));
    }

    [Fact]
    public void Frames_reference_their_source_slice_and_dimension_indices()
    {
        var series = new SegTestSeries();
        var ds = SegWriter.Encode(SegFixtures.Baseline(), series.Source(), SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var frames = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var slices = series.Build();

        // Spleen on slices 0 and 1, kidney on slice 2: (segment, plane) = (1,1), (1,2), (2,3).
        Assert.Equal([[1.0, 1], [1, 2], [2, 3]], frames.Select(f => f.GetSequenceItem(DicomTags.FrameContentSequence)!.GetDoubles(DicomTags.DimensionIndexValues)));
        for (int f = 0; f < 3; f++)
        {
            var sourceImage = frames[f].GetSequenceItem(DicomTags.DerivationImageSequence)!.GetSequenceItem(DicomTags.SourceImageSequence)!;
            Assert.Equal(slices[f].GetString(DicomTags.SopInstanceUid), sourceImage.GetString(DicomTags.ReferencedSopInstanceUid));
            Assert.False(sourceImage.Contains(DicomTags.ReferencedFrameNumber));
        }
        var referenced = ds.GetSequenceItem(DicomTags.ReferencedSeriesSequence)!;
        Assert.Equal(series.SeriesUid, referenced.GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(3, referenced.GetSequence(DicomTags.ReferencedInstanceSequence).Count);
        Assert.Equal(2, ds.GetSequence(DicomTags.DimensionIndexSequence).Count);
    }

    [Fact]
    public void All_frames_are_written_when_omission_is_off()
    {
        var options = SegFixtures.Options() with { OmitEmptyFrames = false };
        var result = SegWriter.Encode(SegFixtures.Baseline(), new SegTestSeries().Source(), SegFixtures.BaselineSegments(), options)!;

        Assert.Equal(6, result.NumberOfFrames);
        Assert.Equal(20, result.Dataset.GetBytes(DicomTags.PixelData).Length); // 150 bits → 19 bytes → padded to 20
        Assert.Empty(SegConformance.Check(result.Dataset));
    }

    [Fact]
    public void Absent_organs_are_left_out_and_numbering_stays_consecutive()
    {
        var segments = SegmentDescription.FromCatalog();
        var map = new LabelMap(5, 5, 3);
        map[0, 0, 0] = 6;  // liver
        map[1, 1, 2] = 16; // uterus
        var result = SegWriter.Encode(map, new SegTestSeries().Source(), segments, SegFixtures.Options())!;

        Assert.Equal(["liver", "uterus"], result.Segments.Select(s => s.Description.Organ!.Id));
        Assert.Equal([1, 2], result.Segments.Select(s => s.SegmentNumber));
        Assert.Equal(segments.Count - 2, result.AbsentSegments.Count);
        Assert.Empty(SegConformance.Check(result.Dataset));
    }

    [Fact]
    public void Nothing_found_gives_no_segmentation()
    {
        Assert.Null(SegWriter.Encode(new LabelMap(5, 5, 3), new SegTestSeries().Source(), SegmentDescription.FromCatalog(), SegFixtures.Options()));
    }

    [Fact]
    public void Same_key_gives_the_same_bytes_and_another_key_other_uids()
    {
        var source = new SegTestSeries().Source();
        var a = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options("job-1"))!;
        var b = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options("job-1"))!;
        var c = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options("job-2"))!;

        Assert.Equal(DicomWriter.ToBytes(a.Dataset), DicomWriter.ToBytes(b.Dataset));
        Assert.Equal(DicomUid.Derive("job-1", "seg-instance"), a.SopInstanceUid);
        Assert.NotEqual(a.SopInstanceUid, c.SopInstanceUid);
        Assert.NotEqual(a.SeriesInstanceUid, c.SeriesInstanceUid);
    }

    [Fact]
    public void Lossy_source_makes_a_lossy_segmentation()
    {
        var ds = SegWriter.Encode(SegFixtures.Baseline(), new SegTestSeries { LossyCompressed = true }.Source(), SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        Assert.Equal("01", ds.GetString(DicomTags.LossyImageCompression));
        Assert.Equal("10", ds.GetString(DicomTags.LossyImageCompressionRatio));
        Assert.Equal("ISO_15444_1", ds.GetString(DicomTags.LossyImageCompressionMethod));
    }

    [Fact]
    public void Label_map_off_the_source_grid_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            SegWriter.Encode(new LabelMap(5, 5, 4), new SegTestSeries().Source(), SegFixtures.BaselineSegments(), SegFixtures.Options()));
    }
}
