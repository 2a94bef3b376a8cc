namespace Mosmos.Dicom.Seg;

public static partial class SegWriter
{
    /// <summary>
    /// Multi-frame Functional Groups and Multi-frame Dimension (PS3.3 A.51.5, C.7.6.16, C.7.6.17): shared Pixel
    /// Measures and Plane Orientation copied from the source; per frame Frame Content, Plane Position, Segment
    /// Identification (BINARY, FRACTIONAL) and Derivation Image, every group in every frame (dicom-seg-sr.md §1.4–1.5).
    /// </summary>
    private static void AddFunctionalGroups(DicomDataset ds, SourceSeries source, FramePlan plan, SegWriterOptions options)
    {
        bool perSegment = options.Type != SegmentationType.LabelMap;
        var measures = new DicomDataset().SetString(DicomTags.PixelSpacing, DicomVR.DS, source.PixelSpacing.Split('\\'));
        if (source.SliceThickness is { } thickness) measures.SetString(DicomTags.SliceThickness, DicomVR.DS, thickness);
        else measures.SetDecimals(DicomTags.SliceThickness, Math.Round(source.SliceSpacing, 6));
        var shared = new DicomDataset()
            .SetSequence(DicomTags.PixelMeasuresSequence, measures)
            .SetSequence(DicomTags.PlaneOrientationSequence,
                new DicomDataset().SetString(DicomTags.ImageOrientationPatient, DicomVR.DS, source.ImageOrientationPatient.Split('\\')));
        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, shared);

        var items = new DicomDataset[plan.Frames.Count];
        for (int f = 0; f < items.Length; f++)
        {
            var frame = plan.Frames[f];
            uint plane = (uint)plan.PlaneIndex[frame.Slice];
            var content = new DicomDataset().SetUInt32(DicomTags.DimensionIndexValues,
                perSegment ? [(uint)frame.SegmentNumber, plane] : [plane]);
            var item = new DicomDataset()
                .SetSequence(DicomTags.FrameContentSequence, content)
                .SetSequence(DicomTags.PlanePositionSequence, new DicomDataset()
                    .SetString(DicomTags.ImagePositionPatient, DicomVR.DS, source.Frames[frame.Slice].ImagePositionPatient.Split('\\')))
                .SetSequence(DicomTags.DerivationImageSequence, DerivationItem(source.Frames[frame.Slice]));
            if (perSegment)
            {
                item.SetSequence(DicomTags.SegmentIdentificationSequence,
                    new DicomDataset().SetUInt16(DicomTags.ReferencedSegmentNumber, checked((ushort)frame.SegmentNumber)));
            }
            items[f] = item;
        }
        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, items);
        AddDimensions(ds, DicomUid.Derive(options.UidKey, UidPrefix(options.Type) + "-dimension-organization"), perSegment);
    }

    /// <summary>Derivation Image with the codes PS3.3 A.51.5.1 mandates: 113076 Segmentation, 121322 source image.</summary>
    private static DicomDataset DerivationItem(SourceFrame frame)
    {
        var sourceImage = new DicomDataset()
            .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, frame.SopClassUid)
            .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, frame.SopInstanceUid)
            .SetString(DicomTags.SpatialLocationsPreserved, DicomVR.CS, "YES")
            .SetSequence(DicomTags.PurposeOfReferenceCodeSequence, Codes.SourceImageForProcessing.ToDataset());
        if (frame.FrameNumber is { } n) sourceImage.SetIntegerStrings(DicomTags.ReferencedFrameNumber, n);
        return new DicomDataset()
            .SetSequence(DicomTags.DerivationCodeSequence, Codes.Segmentation.ToDataset())
            .SetSequence(DicomTags.SourceImageSequence, sourceImage);
    }

    /// <summary>Dimension Organization and Index: (segment, position) for BINARY and FRACTIONAL, (position) for LABELMAP.</summary>
    private static void AddDimensions(DicomDataset ds, string organizationUid, bool perSegment)
    {
        ds.SetSequence(DicomTags.DimensionOrganizationSequence,
            new DicomDataset().SetString(DicomTags.DimensionOrganizationUid, DicomVR.UI, organizationUid));
        var position = DimensionItem(organizationUid, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "ImagePositionPatient");
        ds.SetSequence(DicomTags.DimensionIndexSequence, perSegment
            ? [DimensionItem(organizationUid, DicomTags.ReferencedSegmentNumber, DicomTags.SegmentIdentificationSequence, "ReferencedSegmentNumber"), position]
            : [position]);
    }

    private static DicomDataset DimensionItem(string organizationUid, DicomTag pointer, DicomTag group, string label) =>
        new DicomDataset()
            .SetString(DicomTags.DimensionOrganizationUid, DicomVR.UI, organizationUid)
            .SetTags(DicomTags.DimensionIndexPointer, pointer)
            .SetTags(DicomTags.FunctionalGroupPointer, group)
            .SetString(DicomTags.DimensionDescriptionLabel, DicomVR.LO, label);

    /// <summary>Common Instance Reference (PS3.3 C.12.2): exactly the instances the frames derive from.</summary>
    private static void AddReferences(DicomDataset ds, SourceSeries source, FramePlan plan)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var instances = new List<DicomDataset>();
        foreach (var frame in plan.Frames)
        {
            var s = source.Frames[frame.Slice];
            if (!seen.Add(s.SopInstanceUid)) continue;
            instances.Add(new DicomDataset()
                .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, s.SopClassUid)
                .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, s.SopInstanceUid));
        }
        ds.SetSequence(DicomTags.ReferencedSeriesSequence, new DicomDataset()
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, source.SeriesInstanceUid)
            .SetSequence(DicomTags.ReferencedInstanceSequence, instances));
    }
}
