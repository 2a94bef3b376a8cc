namespace Mosmos.Dicom.Seg;

/// <summary>
/// Reads BINARY, FRACTIONAL and LABELMAP Segmentations written by any tool (PS3.3 A.51, C.8.20): segments with
/// their codes and catalog organs, frames with their segment, source reference and position, in stored order
/// (any order, omitted frames allowed). Malformed objects raise <see cref="DicomFormatException"/>.
/// </summary>
public static class SegReader
{
    public static Segmentation Read(DicomFile file, SegReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Read(file.Dataset, options);
    }

    public static Segmentation Read(DicomDataset ds, SegReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ds);
        options ??= SegReadOptions.Default;
        var sopClass = ds.GetString(DicomTags.SopClassUid);
        if (sopClass is not (SegmentationSopClass.Segmentation or SegmentationSopClass.LabelMapSegmentation))
            throw Error($"SOP class '{sopClass}' is not a Segmentation", DicomTags.SopClassUid);
        var type = ds.GetString(DicomTags.SegmentationType) switch
        {
            "BINARY" => SegmentationType.Binary,
            "FRACTIONAL" => SegmentationType.Fractional,
            "LABELMAP" => SegmentationType.LabelMap,
            var other => throw Error($"SegmentationType '{other}' is not BINARY, FRACTIONAL or LABELMAP", DicomTags.SegmentationType),
        };
        int rows = ds.GetUInt16(DicomTags.Rows) ?? throw Error("Rows is missing", DicomTags.Rows);
        int columns = ds.GetUInt16(DicomTags.Columns) ?? throw Error("Columns is missing", DicomTags.Columns);
        int bits = ds.GetUInt16(DicomTags.BitsAllocated) ?? throw Error("BitsAllocated is missing", DicomTags.BitsAllocated);
        bool bitsOk = type switch
        {
            SegmentationType.Binary => bits == 1,
            SegmentationType.Fractional => bits == 8,
            _ => bits is 8 or 16,
        };
        // A frame is decoded into one byte per pixel: bound it (2^28 pixels) so no header can exhaust memory.
        if (!bitsOk || rows == 0 || columns == 0 || (long)rows * columns > 1 << 28)
            throw Error($"{type} segmentation with BitsAllocated {bits} and {rows}×{columns} frames is not valid (PS3.3 C.8.20.2)", DicomTags.BitsAllocated);

        var pixelItem = ds[DicomTags.PixelData];
        if (pixelItem is DicomFragments)
            throw Error("the pixel data is compressed: retrieve the SEG in Explicit VR Little Endian", DicomTags.PixelData);
        if (pixelItem is not DicomElement pixelElement) throw Error("Pixel Data is missing", DicomTags.PixelData);
        var pixels = pixelElement.Value;

        long frameBits = (long)rows * columns * bits;
        var perFrame = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        int frames = FrameCount(ds, perFrame.Count, pixels.Length, frameBits, options);
        if ((frameBits * frames + 7) / 8 > pixels.Length)
            throw Error($"Pixel Data holds {pixels.Length} bytes, {frames} frames of {rows}×{columns}×{bits} bits need {(frameBits * frames + 7) / 8}", DicomTags.PixelData);

        var shared = ds.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence);
        var segments = ds.GetSequence(DicomTags.SegmentSequence).Select(ReadSegment).ToArray();
        var frameInfos = new SegFrameInfo[frames];
        for (int i = 0; i < frames; i++)
            frameInfos[i] = ReadFrame(i, perFrame[i], shared, type);
        var orientation = SourceSeriesBuilder.Group(perFrame.Count > 0 ? perFrame[0] : null, shared, DicomTags.PlaneOrientationSequence)
            ?.GetDoubles(DicomTags.ImageOrientationPatient);
        int maxFractional = type == SegmentationType.Fractional
            ? ds.GetUInt16(DicomTags.MaximumFractionalValue) ?? throw Error("MaximumFractionalValue is missing (Type 1C)", DicomTags.MaximumFractionalValue)
            : 0;
        return new Segmentation(ds, type, rows, columns, bits, maxFractional, segments, frameInfos, pixels, options)
        {
            ImageOrientationPatient = orientation is { Length: 6 } ? orientation : null,
            // Not needed to decode, so tolerated when missing (Type 1C).
            FractionalType = type != SegmentationType.Fractional ? null : ds.GetString(DicomTags.SegmentationFractionalType) switch
            {
                "PROBABILITY" => FractionalType.Probability,
                "OCCUPANCY" => FractionalType.Occupancy,
                _ => null,
            },
        };
    }

    /// <summary>NumberOfFrames, checked against the per-frame items; missing only under the documented tolerance.</summary>
    private static int FrameCount(DicomDataset ds, int items, int pixelBytes, long frameBits, SegReadOptions options)
    {
        int? declared = ds.GetInt32(DicomTags.NumberOfFrames);
        if (declared is null)
        {
            int held = (int)(pixelBytes * 8L / frameBits);
            if (!options.InferMissingNumberOfFrames)
            {
                throw Error($"NumberOfFrames (Type 1) is missing; PerFrameFunctionalGroupsSequence has {items} items and Pixel Data " +
                    $"holds {held} frames. Set SegReadOptions.InferMissingNumberOfFrames to read the {held} frame(s) the pixels hold", DicomTags.NumberOfFrames);
            }
            if (held < 1 || held > items)
                throw Error($"cannot infer NumberOfFrames: Pixel Data holds {held} frames, {items} per-frame items", DicomTags.NumberOfFrames);
            return held;
        }
        if (declared.Value < 1 || declared.Value != items)
            throw Error($"NumberOfFrames is {declared} but PerFrameFunctionalGroupsSequence has {items} items", DicomTags.NumberOfFrames);
        return declared.Value;
    }

    private static SegmentInfo ReadSegment(DicomDataset item)
    {
        int number = item.GetUInt16(DicomTags.SegmentNumber) ?? throw Error("a segment has no SegmentNumber", DicomTags.SegmentNumber);
        var typeItem = item.GetSequenceItem(DicomTags.SegmentedPropertyTypeCodeSequence);
        var type = CodedConcept.FromDataset(typeItem);
        var modifier = CodedConcept.FromDataset(typeItem?.GetSequenceItem(DicomTags.SegmentedPropertyTypeModifierCodeSequence));
        var lab = item.GetDoubles(DicomTags.RecommendedDisplayCieLabValue);
        return new SegmentInfo(number, item.GetString(DicomTags.SegmentLabel) ?? string.Empty,
            CodedConcept.FromDataset(item.GetSequenceItem(DicomTags.SegmentedPropertyCategoryCodeSequence)), type, modifier)
        {
            AlgorithmType = item.GetString(DicomTags.SegmentAlgorithmType),
            AlgorithmName = item.GetString(DicomTags.SegmentAlgorithmName),
            CieLab = lab.Length == 3 ? lab.Select(v => (ushort)v).ToArray() : null,
            TrackingId = item.GetString(DicomTags.TrackingId),
            TrackingUid = item.GetString(DicomTags.TrackingUid),
            Organ = OrganCatalog.FindByCode(type, modifier),
        };
    }

    private static SegFrameInfo ReadFrame(int index, DicomDataset item, DicomDataset? shared, SegmentationType type)
    {
        int segment = 0;
        if (type != SegmentationType.LabelMap)
        {
            segment = SourceSeriesBuilder.Group(item, shared, DicomTags.SegmentIdentificationSequence)?.GetUInt16(DicomTags.ReferencedSegmentNumber)
                ?? throw Error($"frame {index + 1} has no ReferencedSegmentNumber", DicomTags.SegmentIdentificationSequence);
        }
        DicomDataset? source = null;
        foreach (var derivation in SourceSequence(item, shared))
        {
            source = derivation.GetSequence(DicomTags.SourceImageSequence).FirstOrDefault(s => s.Contains(DicomTags.ReferencedSopInstanceUid));
            if (source is not null) break;
        }
        var ipp = SourceSeriesBuilder.Group(item, shared, DicomTags.PlanePositionSequence)?.GetDoubles(DicomTags.ImagePositionPatient);
        return new SegFrameInfo(index, segment, source?.GetString(DicomTags.ReferencedSopInstanceUid),
            source?.GetInt32(DicomTags.ReferencedFrameNumber), ipp is { Length: 3 } ? ipp : null);
    }

    private static IReadOnlyList<DicomDataset> SourceSequence(DicomDataset item, DicomDataset? shared)
    {
        var own = item.GetSequence(DicomTags.DerivationImageSequence);
        return own.Count > 0 ? own : shared?.GetSequence(DicomTags.DerivationImageSequence) ?? [];
    }

    private static DicomFormatException Error(string message, DicomTag tag) => new(message, -1, tag);
}
