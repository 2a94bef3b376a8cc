using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>FRACTIONAL encoding (PS3.3 C.8.20.2): <see cref="FractionalSegmentation"/> and <see cref="SegWriter.EncodeFractional"/>.</summary>
public sealed class SegWriterFractionalTests
{
    private static readonly string[] Organs = ["liver", "kidney_left", "spleen"];

    private static SegmentDescription[] Segments() =>
        Organs.Select((id, i) => SegmentDescription.FromOrgan(OrganCatalog.Get(id), (byte)(i + 1))).ToArray();

    /// <summary>Segment i's values leave slice i + 1 all zero.</summary>
    private static (FractionalSegmentation Maps, byte[][] Values) Maps(int columns, int rows, int slices, byte maximum = 255)
    {
        var maps = new FractionalSegmentation(columns, rows, slices, maximum);
        var values = Segments().Select((s, i) => SegFixtures.FractionalValues(columns, rows, slices, maximum, emptySlice: i + 1, seed: i)).ToArray();
        foreach (var (segment, v) in Segments().Zip(values)) maps.Add(segment, v);
        return (maps, values);
    }

    /// <summary>Baseline label map as 0 / 255 maps: the BINARY SEG's segments as fractions.</summary>
    private static FractionalSegmentation BaselineMaps()
    {
        var labels = SegFixtures.Baseline();
        var maps = new FractionalSegmentation(5, 5, 3);
        foreach (var s in SegFixtures.BaselineSegments())
            maps.Add(s, labels.Voxels.Select(v => v == s.LabelValue ? (byte)255 : (byte)0).ToArray());
        return maps;
    }

    private static byte[] Bytes(DicomDataset ds)
    {
        using var stream = new MemoryStream();
        DicomWriter.WriteDataset(stream, ds);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(true, false, FractionalType.Probability)]
    [InlineData(false, true, FractionalType.Occupancy)]
    public void Round_trip_through_the_reader_keeps_every_value(bool omitEmpty, bool reversed, FractionalType fractionalType)
    {
        var series = new SegTestSeries { Columns = 13, Rows = 11, Slices = 7, Reversed = reversed, RowDirection = [0, 1, 0], ColumnDirection = [0, 0, -1] };
        var source = series.Source();
        var (maps, values) = Maps(13, 11, 7, maximum: 200);
        var options = SegFixtures.FractionalOptions() with { OmitEmptyFrames = omitEmpty, FractionalType = fractionalType };
        var result = SegWriter.EncodeFractional(maps, source, options)!;

        var read = SegReader.Read(DicomFile.Read(DicomWriter.ToBytes(result.Dataset)));

        Assert.Equal(SegmentationSopClass.Segmentation, result.SopClassUid);
        Assert.Equal((SegmentationType.Fractional, 8, 200, (FractionalType?)fractionalType), (read.Type, read.BitsAllocated, read.MaximumFractionalValue, read.FractionalType));
        Assert.Equal(((ushort)8, (ushort)7), (result.Dataset.GetUInt16(DicomTags.BitsStored), result.Dataset.GetUInt16(DicomTags.HighBit)));
        Assert.Equal(Organs, read.Segments.Select(s => s.Organ!.Id));
        Assert.Equal([1, 2, 3], read.Segments.Select(s => s.Number));
        Assert.Equal(omitEmpty ? 3 * 6 : 3 * 7, read.Frames.Count);
        Assert.Equal(result.NumberOfFrames, read.Frames.Count);
        Assert.Equal(values.Select(v => (long)v.Count(b => b != 0)), result.Segments.Select(s => s.VoxelCount));
        Assert.Empty(SegConformance.Check(result.Dataset));

        // Segment by segment, planes in source order; every frame back on the slice it references.
        var slice = source.Frames.Select((f, k) => (f.SopInstanceUid, k)).ToDictionary(p => p.SopInstanceUid, p => p.k);
        var order = read.Frames.Select(f => (f.SegmentNumber, slice[f.ReferencedSopInstanceUid!])).ToArray();
        Assert.Equal(order.Order(), order);
        var back = values.Select(v => new byte[v.Length]).ToArray();
        var frame = new byte[13 * 11];
        foreach (var f in read.Frames)
        {
            read.DecodeFractionalFrame(f.Index, frame);
            frame.CopyTo(back[f.SegmentNumber - 1], slice[f.ReferencedSopInstanceUid!] * frame.Length);
        }
        Assert.Equal(values, back);
    }

    [Fact]
    public void Frames_dimensions_and_references_are_those_of_binary()
    {
        var source = new SegTestSeries().Source();
        var binary = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;
        var fractional = SegWriter.EncodeFractional(BaselineMaps(), source, SegFixtures.FractionalOptions())!.Dataset;

        var perFrame = (Binary: binary.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence), Fractional: fractional.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence));
        Assert.Equal(3, perFrame.Fractional.Count);
        Assert.Equal(perFrame.Binary.Select(Bytes), perFrame.Fractional.Select(Bytes));
        Assert.Equal(Bytes(binary.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence)!), Bytes(fractional.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence)!));
        Assert.Equal(Bytes(binary.GetSequenceItem(DicomTags.ReferencedSeriesSequence)!), Bytes(fractional.GetSequenceItem(DicomTags.ReferencedSeriesSequence)!));
        Assert.Equal(["ReferencedSegmentNumber", "ImagePositionPatient"],
            fractional.GetSequence(DicomTags.DimensionIndexSequence).Select(d => d.GetString(DicomTags.DimensionDescriptionLabel)));
        Assert.Equal(("FRACTIONAL", "PROBABILITY", (ushort?)255), (fractional.GetString(DicomTags.SegmentationType),
            fractional.GetString(DicomTags.SegmentationFractionalType), fractional.GetUInt16(DicomTags.MaximumFractionalValue)));
        // Read back thresholded at 0.5, the maps are the label map again.
        var labelValues = new SegReadOptions { LabelValues = new Dictionary<int, byte> { [1] = 1, [2] = 3 } };
        Assert.Equal(SegFixtures.Baseline().Voxels, SegReader.Read(fractional, labelValues).ToLabelMap(source).Labels.Voxels);
    }

    [Fact]
    public void Absent_segment_is_left_out_and_numbering_stays_consecutive()
    {
        var maps = new FractionalSegmentation(5, 5, 3);
        var segments = Segments();
        maps.Add(segments[0], SegFixtures.FractionalValues(5, 5, 3, 255, emptySlice: -1));
        maps.Add(segments[1], new byte[75]);
        maps.Add(segments[2], SegFixtures.FractionalValues(5, 5, 3, 255, emptySlice: 0, seed: 3));

        var result = SegWriter.EncodeFractional(maps, new SegTestSeries().Source(), SegFixtures.FractionalOptions())!;

        Assert.Equal(3, maps.Count);
        Assert.Equal(["liver", "spleen"], result.Segments.Select(s => s.Description.Organ!.Id));
        Assert.Equal([1, 2], result.Segments.Select(s => s.SegmentNumber));
        Assert.Equal(["kidney_left"], result.AbsentSegments.Select(s => s.Organ!.Id));
        Assert.Equal(3 + 2, result.NumberOfFrames);
        Assert.Empty(SegConformance.Check(result.Dataset));
    }

    [Fact]
    public void All_zero_maps_give_no_segmentation()
    {
        var source = new SegTestSeries().Source();
        var maps = new FractionalSegmentation(5, 5, 3);
        Assert.Null(SegWriter.EncodeFractional(maps, source, SegFixtures.FractionalOptions()));

        foreach (var segment in Segments()) maps.Add(segment, new byte[75]);
        Assert.Null(SegWriter.EncodeFractional(maps, source, SegFixtures.FractionalOptions()));
        Assert.Equal(3, maps.Count);
    }

    [Fact]
    public void Value_above_the_maximum_is_refused_and_nothing_is_kept()
    {
        var maps = new FractionalSegmentation(5, 5, 3, maximumFractionalValue: 100);
        var values = new byte[75];
        values[(2 * 5 + 1) * 5 + 4] = 101;

        var error = Assert.Throws<ArgumentException>(() => maps.Add(Segments()[0], values));

        Assert.Contains("value 101 at column 4, row 1, slice 2 exceeds MaximumFractionalValue 100", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, maps.Count);
        values[(2 * 5 + 1) * 5 + 4] = 100;
        maps.Add(Segments()[0], values);
        Assert.Equal(1, maps.Count);
    }

    [Fact]
    public void Wrong_value_count_and_maximum_zero_are_refused()
    {
        var maps = new FractionalSegmentation(5, 5, 3);
        Assert.Throws<ArgumentException>(() => maps.Add(Segments()[0], new byte[74]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FractionalSegmentation(5, 5, 3, maximumFractionalValue: 0));
    }

    [Fact]
    public void Duplicate_or_background_label_value_is_refused()
    {
        var maps = new FractionalSegmentation(5, 5, 3);
        var liver = Segments()[0];
        maps.Add(liver, new byte[75]); // absent, but its label value is taken

        var duplicate = Assert.Throws<ArgumentException>(() => maps.Add(liver with { Label = "Liver again" }, SegFixtures.FractionalValues(5, 5, 3, 255, -1)));
        Assert.Contains("label value 1 is described twice", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => maps.Add(liver with { LabelValue = 0 }, new byte[75]));
        Assert.Equal(1, maps.Count);
    }

    [Theory]
    [InlineData(5, 5, 4)]
    [InlineData(4, 5, 3)]
    public void Maps_off_the_source_grid_are_refused(int columns, int rows, int slices)
    {
        var maps = new FractionalSegmentation(columns, rows, slices);
        maps.Add(Segments()[0], SegFixtures.FractionalValues(columns, rows, slices, 255, -1));

        var error = Assert.Throws<ArgumentException>(() => SegWriter.EncodeFractional(maps, new SegTestSeries().Source(), SegFixtures.FractionalOptions()));

        Assert.Equal("maps", error.ParamName);
        Assert.Contains($"the fractional segmentation ({columns}×{rows}×{slices}) is not on the source grid (5×5×3)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SegmentationType.Binary)]
    [InlineData(SegmentationType.LabelMap)]
    public void Options_must_say_fractional_and_encode_keeps_refusing_it(SegmentationType type)
    {
        var source = new SegTestSeries().Source();

        var error = Assert.Throws<ArgumentException>(() => SegWriter.EncodeFractional(BaselineMaps(), source, SegFixtures.Options() with { Type = type }));
        Assert.Contains($"SegWriterOptions.Type is {type}", error.Message, StringComparison.Ordinal);
        var refused = Assert.Throws<ArgumentException>(() => SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.FractionalOptions()));
        Assert.Contains("use EncodeFractional", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uids_never_meet_those_of_binary_or_labelmap_from_the_same_key()
    {
        var source = new SegTestSeries().Source();
        var fractional = SegWriter.EncodeFractional(BaselineMaps(), source, SegFixtures.FractionalOptions("job-1"))!;
        var again = SegWriter.EncodeFractional(BaselineMaps(), source, SegFixtures.FractionalOptions("job-1"))!;
        var binary = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options("job-1"))!;
        var labelMap = SegWriter.Encode(SegFixtures.Baseline(), source, SegFixtures.BaselineSegments(), SegFixtures.Options("job-1") with { Type = SegmentationType.LabelMap })!;

        Assert.Equal(DicomWriter.ToBytes(fractional.Dataset), DicomWriter.ToBytes(again.Dataset));
        Assert.Equal(DicomUid.Derive("job-1", "seg-fractional-instance"), fractional.SopInstanceUid);
        Assert.Equal(DicomUid.Derive("job-1", "seg-fractional-series"), fractional.SeriesInstanceUid);
        Assert.Equal(DicomUid.Derive("job-1", "seg-fractional-dimension-organization"),
            fractional.Dataset.GetSequenceItem(DicomTags.DimensionOrganizationSequence)!.GetString(DicomTags.DimensionOrganizationUid));
        var ours = Uids(fractional);
        Assert.Equal(2 + 1 + 2, ours.Count);
        Assert.Empty(ours.Intersect(Uids(binary)));
        Assert.Empty(ours.Intersect(Uids(labelMap)));
    }

    [Theory]
    [InlineData(1, "NO")]
    [InlineData(3, "UNDEFINED")]
    public void Segments_overlap_is_no_for_one_segment_and_undefined_for_several(int segments, string overlap)
    {
        var maps = new FractionalSegmentation(5, 5, 3);
        foreach (var (segment, i) in Segments().Take(segments).Select((s, i) => (s, i)))
            maps.Add(segment, SegFixtures.FractionalValues(5, 5, 3, 255, -1, seed: i));

        var ds = SegWriter.EncodeFractional(maps, new SegTestSeries().Source(), SegFixtures.FractionalOptions())!.Dataset;

        Assert.Equal(overlap, ds.GetString(DicomTags.SegmentsOverlap));
    }

    /// <summary>SOP instance, series, dimension organisation and tracking UIDs of one SEG.</summary>
    private static HashSet<string> Uids(SegmentationResult seg) =>
    [
        seg.SopInstanceUid, seg.SeriesInstanceUid,
        seg.Dataset.GetSequenceItem(DicomTags.DimensionOrganizationSequence)!.GetString(DicomTags.DimensionOrganizationUid)!,
        .. seg.Segments.Select(s => s.TrackingUid),
    ];
}
