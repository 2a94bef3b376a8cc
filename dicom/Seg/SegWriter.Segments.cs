namespace Mosmos.Dicom.Seg;

public static partial class SegWriter
{
    /// <summary>Segment Sequence (PS3.3 C.8.20.2, Segment Description macro Table C.8.20-4), numbered 1..N.</summary>
    private static void AddSegments(DicomDataset ds, IReadOnlyList<EncodedSegment> segments, SegWriterOptions options) =>
        ds.SetSequence(DicomTags.SegmentSequence, segments.Select(s => SegmentItem(s, options.Algorithm)).ToArray());

    private static DicomDataset SegmentItem(EncodedSegment segment, SegmentationAlgorithm algorithm)
    {
        var d = segment.Description;
        var type = d.Type.ToDataset();
        if (d.TypeModifier is { } modifier) type.SetSequence(DicomTags.SegmentedPropertyTypeModifierCodeSequence, modifier.ToDataset());
        var item = new DicomDataset()
            .SetSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, d.Category.ToDataset())
            .SetUInt16(DicomTags.SegmentNumber, checked((ushort)segment.SegmentNumber))
            .SetString(DicomTags.SegmentLabel, DicomVR.LO, d.Label)
            .SetString(DicomTags.SegmentAlgorithmType, DicomVR.CS, algorithm.Type)
            .SetSequence(DicomTags.SegmentationAlgorithmIdentificationSequence, AlgorithmItem(algorithm))
            .SetSequence(DicomTags.SegmentedPropertyTypeCodeSequence, type);
        if (algorithm.Type != "MANUAL") item.SetString(DicomTags.SegmentAlgorithmName, DicomVR.LO, algorithm.Name);
        if (d.Description is { } text) item.SetString(DicomTags.SegmentDescription, DicomVR.ST, text);
        if (d.CieLab is { Count: 3 } lab) item.SetUInt16(DicomTags.RecommendedDisplayCieLabValue, [.. lab]);
        // Tracking ID and UID go together (highdicom refuses one alone).
        item.SetString(DicomTags.TrackingId, DicomVR.UT, d.TrackingId ?? d.Label)
            .SetString(DicomTags.TrackingUid, DicomVR.UI, segment.TrackingUid);
        return item;
    }

    /// <summary>Algorithm Identification macro (PS3.3 Table 10-19).</summary>
    private static DicomDataset AlgorithmItem(SegmentationAlgorithm algorithm)
    {
        var item = new DicomDataset()
            .SetSequence(DicomTags.AlgorithmFamilyCodeSequence, algorithm.Family.ToDataset())
            .SetString(DicomTags.AlgorithmName, DicomVR.LO, algorithm.Name)
            .SetString(DicomTags.AlgorithmVersion, DicomVR.LO, algorithm.Version);
        if (algorithm.Parameters is { } p) item.SetString(DicomTags.AlgorithmParameters, DicomVR.LT, p);
        if (algorithm.Source is { } s) item.SetString(DicomTags.AlgorithmSource, DicomVR.LO, s);
        return item;
    }
}
