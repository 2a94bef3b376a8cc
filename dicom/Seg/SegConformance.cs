namespace Mosmos.Dicom.Seg;

/// <summary>
/// MOSMOS's own checks of a BINARY, FRACTIONAL or LABELMAP SEG, including what <c>dciodvfy</c> does not catch
/// (dicom-seg-sr.md §6.3): Plane Position in every frame, Frame of Reference UID, exact packed length,
/// frame counts, dimension index counts, segment numbering, references. Returns the problems found.
/// </summary>
public static class SegConformance
{
    public static IReadOnlyList<string> Check(DicomDataset seg)
    {
        ArgumentNullException.ThrowIfNull(seg);
        var problems = new List<string>();
        bool labelMap = seg.GetString(DicomTags.SegmentationType) == "LABELMAP";
        if (string.IsNullOrEmpty(seg.GetString(DicomTags.FrameOfReferenceUid))) problems.Add("FrameOfReferenceUID is missing");
        if (!seg.GetStrings(DicomTags.ImageType).SequenceEqual(["DERIVED", "PRIMARY"])) problems.Add("ImageType is not DERIVED\\PRIMARY");
        if (seg.GetSequence(DicomTags.ReferencedSeriesSequence).Count == 0) problems.Add("ReferencedSeriesSequence is missing");
        CheckSegments(seg, problems, labelMap);
        CheckFrames(seg, problems, labelMap);
        if (seg.GetString(DicomTags.SegmentationType) == "FRACTIONAL") CheckFractional(seg, problems);
        return problems;
    }

    /// <summary>PS3.3 C.8.20.2: 8 bits, a fractional type, and no stored value above MaximumFractionalValue.</summary>
    private static void CheckFractional(DicomDataset seg, List<string> problems)
    {
        if (seg.GetUInt16(DicomTags.BitsAllocated) != 8 || seg.GetUInt16(DicomTags.BitsStored) != 8 || seg.GetUInt16(DicomTags.HighBit) != 7)
            problems.Add("FRACTIONAL needs BitsAllocated 8, BitsStored 8, HighBit 7");
        if (seg.GetString(DicomTags.SegmentationFractionalType) is not ("PROBABILITY" or "OCCUPANCY"))
            problems.Add("SegmentationFractionalType is not PROBABILITY or OCCUPANCY");
        int max = seg.GetUInt16(DicomTags.MaximumFractionalValue) ?? 0;
        if (max is < 1 or > byte.MaxValue) problems.Add($"MaximumFractionalValue is {max}, not 1..255");
        else if (max < byte.MaxValue && seg.GetBytes(DicomTags.PixelData).Span.ContainsAnyInRange((byte)(max + 1), byte.MaxValue))
            problems.Add($"a stored value exceeds MaximumFractionalValue {max}");
    }

    private static void CheckSegments(DicomDataset seg, List<string> problems, bool labelMap)
    {
        var segments = seg.GetSequence(DicomTags.SegmentSequence);
        if (segments.Count == 0) problems.Add("SegmentSequence is empty");
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            int? number = s.GetUInt16(DicomTags.SegmentNumber);
            if (!labelMap && number != i + 1) problems.Add($"SegmentNumber of item {i + 1} is {number}: not 1, 2, 3 … in order");
            if (string.IsNullOrEmpty(s.GetString(DicomTags.SegmentLabel))) problems.Add($"segment {number} has no SegmentLabel");
            var algorithmType = s.GetString(DicomTags.SegmentAlgorithmType);
            if (algorithmType is not ("AUTOMATIC" or "SEMIAUTOMATIC" or "MANUAL")) problems.Add($"segment {number} has SegmentAlgorithmType '{algorithmType}'");
            if (algorithmType != "MANUAL" && string.IsNullOrEmpty(s.GetString(DicomTags.SegmentAlgorithmName)))
                problems.Add($"segment {number} has no SegmentAlgorithmName");
            if (s.GetSequence(DicomTags.SegmentedPropertyCategoryCodeSequence).Count != 1 || s.GetSequence(DicomTags.SegmentedPropertyTypeCodeSequence).Count != 1)
                problems.Add($"segment {number} needs exactly one category and one type code");
        }
    }

    private static void CheckFrames(DicomDataset seg, List<string> problems, bool labelMap)
    {
        var perFrame = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var shared = seg.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence);
        int? frames = seg.GetInt32(DicomTags.NumberOfFrames);
        if (frames != perFrame.Count) problems.Add($"NumberOfFrames is {frames} but there are {perFrame.Count} per-frame items");
        if (shared?.GetSequenceItem(DicomTags.PixelMeasuresSequence)?.GetString(DicomTags.SliceThickness) is null)
            problems.Add("SliceThickness is missing from the shared Pixel Measures");
        int rows = seg.GetUInt16(DicomTags.Rows) ?? 0, columns = seg.GetUInt16(DicomTags.Columns) ?? 0, bits = seg.GetUInt16(DicomTags.BitsAllocated) ?? 0;
        long bytes = ((long)rows * columns * bits * (frames ?? 0) + 7) / 8;
        bytes += bytes & 1;
        long actual = seg[DicomTags.PixelData] is DicomElement e ? e.Length : -1;
        if (actual != bytes) problems.Add($"PixelData has {actual} bytes, expected {bytes} (frames packed without padding)");
        int dimensions = seg.GetSequence(DicomTags.DimensionIndexSequence).Count;
        var numbers = seg.GetSequence(DicomTags.SegmentSequence).Select(s => (int?)s.GetUInt16(DicomTags.SegmentNumber)).ToHashSet();
        for (int f = 0; f < perFrame.Count; f++)
        {
            var item = perFrame[f];
            int values = item.GetSequenceItem(DicomTags.FrameContentSequence)?.GetDoubles(DicomTags.DimensionIndexValues).Length ?? 0;
            if (values != dimensions) problems.Add($"frame {f + 1}: {values} DimensionIndexValues for {dimensions} dimensions");
            if (item.GetSequenceItem(DicomTags.PlanePositionSequence)?.GetDoubles(DicomTags.ImagePositionPatient).Length != 3)
                problems.Add($"frame {f + 1} has no PlanePositionSequence");
            if (item.GetSequenceItem(DicomTags.DerivationImageSequence)?.GetSequenceItem(DicomTags.SourceImageSequence) is null)
                problems.Add($"frame {f + 1} has no DerivationImageSequence source image");
            if (labelMap) continue;
            int? referenced = item.GetSequenceItem(DicomTags.SegmentIdentificationSequence)?.GetUInt16(DicomTags.ReferencedSegmentNumber);
            if (!numbers.Contains(referenced)) problems.Add($"frame {f + 1}: ReferencedSegmentNumber {referenced} matches no segment");
        }
    }
}
