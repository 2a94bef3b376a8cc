using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

public sealed class SegReaderTests
{
    private static readonly string[] Organs = ["liver", "kidney_right", "kidney_left", "spleen"];

    private static SegmentDescription[] Segments() =>
        Organs.Select((id, i) => SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1))).ToArray();

    private static Segmentation RoundTrip(DicomDataset seg, SegReadOptions? options = null) =>
        SegReader.Read(DicomFile.Read(DicomWriter.ToBytes(seg)), options);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Binary_round_trip_is_voxel_exact(bool reversed, bool allFrames)
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, Reversed = reversed, RowDirection = [0, 1, 0], ColumnDirection = [0, 0, -1] };
        var source = series.Source();
        var map = SegFixtures.Random(13, 11, 7, labels: 4);
        var result = SegWriter.Encode(map, source, Segments(), SegFixtures.Options() with { OmitEmptyFrames = !allFrames })!;

        var read = RoundTrip(result.Dataset);
        var back = read.ToLabelMap(source);

        Assert.Equal(map.Voxels, back.Labels.Voxels);
        Assert.Equal(0, back.OverlapVoxels);
        Assert.Equal(Organs, read.Segments.Select(s => s.Organ!.Id));
        Assert.Equal(SegmentationType.Binary, read.Type);
    }

    [Fact]
    public void Labelmap_round_trip_is_voxel_exact_and_uses_its_sop_class()
    {
        var source = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7 }.Source();
        var map = SegFixtures.Random(13, 11, 7, labels: 4);
        var result = SegWriter.Encode(map, source, Segments(), SegFixtures.Options() with { Type = SegmentationType.LabelMap })!;

        Assert.Equal(SegmentationSopClass.LabelMapSegmentation, result.Dataset.GetString(DicomTags.SopClassUid));
        Assert.Equal("LABELMAP", result.Dataset.GetString(DicomTags.SegmentationType));
        Assert.Equal((ushort)8, result.Dataset.GetUInt16(DicomTags.BitsAllocated));
        Assert.Empty(SegConformance.Check(result.Dataset));
        Assert.Equal(map.Voxels, RoundTrip(result.Dataset).ToLabelMap(source).Labels.Voxels);
    }

    [Fact]
    public void Frames_in_another_order_and_without_references_are_placed_by_position()
    {
        var source = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, RowDirection = [0.8660254, 0.5, 0], ColumnDirection = [0.0868241, -0.1503837, -0.9848078] }.Source();
        var map = SegFixtures.Random(13, 11, 7, labels: 4);
        var seg = SegWriter.Encode(map, source, Segments(), SegFixtures.Options())!.Dataset;
        var shuffled = SegSurgery.ReorderFrames(seg, reverse: true, dropReferences: true);

        var back = SegReader.Read(shuffled).ToLabelMap(source);

        Assert.Equal(map.Voxels, back.Labels.Voxels);
        Assert.Equal(0, back.FramesByReference);
    }

    [Fact]
    public void Enhanced_multiframe_source_is_referenced_by_frame_number()
    {
        var series = new SegTestSeries { Columns = 7, Rows = 5, Slices = 4 };
        var source = SourceSeriesBuilder.FromEnhanced(SegSurgery.EnhancedCt(series), [4, 3, 2, 1]);
        var map = SegFixtures.Random(7, 5, 4, labels: 2);
        var seg = SegWriter.Encode(map, source, Segments(), SegFixtures.Options())!.Dataset;

        var first = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)[0]
            .GetSequenceItem(DicomTags.DerivationImageSequence)!.GetSequenceItem(DicomTags.SourceImageSequence)!;
        Assert.NotNull(first.GetInt32(DicomTags.ReferencedFrameNumber));
        Assert.Single(seg.GetSequenceItem(DicomTags.ReferencedSeriesSequence)!.GetSequence(DicomTags.ReferencedInstanceSequence));
        Assert.Equal(map.Voxels, RoundTrip(seg).ToLabelMap(source).Labels.Voxels);
    }

    [Fact]
    public void Fractional_frames_are_thresholded()
    {
        var source = new SegTestSeries().Source();
        var seg = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var fractional = SegSurgery.ToFractional(seg, inside: 200, outside: 100);

        var read = SegReader.Read(fractional, new SegReadOptions { LabelValues = new Dictionary<int, byte> { [1] = 1, [2] = 3 } });
        Assert.Equal(SegmentationType.Fractional, read.Type);
        Assert.Equal(SegFixtures.Baseline().Voxels, read.ToLabelMap(source).Labels.Voxels);
        var low = SegReader.Read(fractional, new SegReadOptions { FractionalThreshold = 0.3 }).ToLabelMap(source);
        Assert.All(low.Labels.Voxels.Chunk(25).ToArray(), slice => Assert.DoesNotContain((byte)0, slice));
    }

    [Fact]
    public void Overlapping_segments_follow_the_policy()
    {
        var source = new SegTestSeries().Source();
        var seg = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var overlapping = SegSurgery.DuplicateFrameAsSegment(seg, frame: 0, segment: 2);

        var higher = SegReader.Read(overlapping).ToLabelMap(source);
        Assert.Equal(2, higher.OverlapVoxels);
        Assert.Equal(2, higher.Labels[1, 1, 0]);
        var lower = SegReader.Read(overlapping, new SegReadOptions { Overlap = SegOverlapPolicy.LowerSegmentWins }).ToLabelMap(source);
        Assert.Equal(1, lower.Labels[1, 1, 0]);
        Assert.Throws<DicomFormatException>(() =>
            SegReader.Read(overlapping, new SegReadOptions { Overlap = SegOverlapPolicy.Throw }).ToLabelMap(source));
    }

    [Fact]
    public void Label_values_can_be_remapped()
    {
        var source = new SegTestSeries().Source();
        var seg = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var options = new SegReadOptions { LabelValues = new Dictionary<int, byte> { [1] = 1, [2] = 3 } };

        Assert.Equal(SegFixtures.Baseline().Voxels, SegReader.Read(seg, options).ToLabelMap(source).Labels.Voxels);
    }

    [Fact]
    public void A_frame_on_no_source_slice_is_an_error()
    {
        var source = new SegTestSeries().Source();
        var seg = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var other = new SegTestSeries { Seed = "other", SliceSpacing = 7 }.Source();

        var error = Assert.Throws<DicomFormatException>(() => SegReader.Read(SegSurgery.ReorderFrames(seg, reverse: false, dropReferences: true)).ToLabelMap(other));
        Assert.Contains("lies on no source slice", error.Message, StringComparison.Ordinal);
    }
}
