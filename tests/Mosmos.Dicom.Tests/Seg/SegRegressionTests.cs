using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>
/// dicom-seg-sr.md §6.3: each known breakage of the baseline SEG must be caught by <see cref="SegConformance"/>,
/// including those dciodvfy lets through (Plane Position removed from one frame, Frame of Reference removed).
/// </summary>
public sealed class SegRegressionTests
{
    private static DicomDataset Baseline() =>
        SegWriter.Encode(SegFixtures.Baseline(), new SegTestSeries().Source(), SegFixtures.BaselineSegments(), SegFixtures.Options())!.Dataset;

    private static DicomDataset[] Frames(DicomDataset ds) =>
        ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence).Select(f => f.Clone()).ToArray();

    public static TheoryData<string, string> Breakages() => new()
    {
        { "per-frame byte padding (12 bytes)", "PixelData has 12 bytes, expected 10" },
        { "NumberOfFrames 4", "NumberOfFrames is 4 but there are 3" },
        { "one DimensionIndexValue", "1 DimensionIndexValues for 2 dimensions" },
        { "SegmentNumber 1, 3", "SegmentNumber of item 2 is 3" },
        { "no ReferencedSeriesSequence", "ReferencedSeriesSequence is missing" },
        { "no SegmentAlgorithmName", "has no SegmentAlgorithmName" },
        { "no SegmentLabel", "has no SegmentLabel" },
        { "bad SegmentAlgorithmType", "SegmentAlgorithmType 'ROBOT'" },
        { "ImageType SECONDARY", "ImageType is not DERIVED\\PRIMARY" },
        { "no SliceThickness", "SliceThickness is missing" },
        { "PlanePosition removed from one frame", "frame 2 has no PlanePositionSequence" },
        { "no FrameOfReferenceUID", "FrameOfReferenceUID is missing" },
        { "DerivationImage removed from one frame", "frame 3 has no DerivationImageSequence" },
    };

    [Fact]
    public void The_baseline_passes()
    {
        Assert.Empty(SegConformance.Check(Baseline()));
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_breakage_is_reported(string breakage, string expected)
    {
        var ds = Baseline();
        Break(ds, breakage);
        var problems = SegConformance.Check(ds);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static void Break(DicomDataset ds, string breakage)
    {
        var segments = ds.GetSequence(DicomTags.SegmentSequence).Select(s => s.Clone()).ToArray();
        var frames = Frames(ds);
        switch (breakage)
        {
            case "per-frame byte padding (12 bytes)": ds.SetBytes(DicomTags.PixelData, DicomVR.OB, new byte[12]); break;
            case "NumberOfFrames 4": ds.SetIntegerStrings(DicomTags.NumberOfFrames, 4); break;
            case "one DimensionIndexValue":
                frames[0].SetSequence(DicomTags.FrameContentSequence, new DicomDataset().SetUInt32(DicomTags.DimensionIndexValues, 1));
                ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames);
                break;
            case "SegmentNumber 1, 3":
                segments[1].SetUInt16(DicomTags.SegmentNumber, 3);
                ds.SetSequence(DicomTags.SegmentSequence, segments);
                break;
            case "no ReferencedSeriesSequence": ds.Remove(DicomTags.ReferencedSeriesSequence); break;
            case "no SegmentAlgorithmName":
                segments[0].Remove(DicomTags.SegmentAlgorithmName);
                ds.SetSequence(DicomTags.SegmentSequence, segments);
                break;
            case "no SegmentLabel":
                segments[0].Remove(DicomTags.SegmentLabel);
                ds.SetSequence(DicomTags.SegmentSequence, segments);
                break;
            case "bad SegmentAlgorithmType":
                segments[0].SetString(DicomTags.SegmentAlgorithmType, DicomVR.CS, "ROBOT");
                ds.SetSequence(DicomTags.SegmentSequence, segments);
                break;
            case "ImageType SECONDARY": ds.SetString(DicomTags.ImageType, DicomVR.CS, "DERIVED", "SECONDARY"); break;
            case "no SliceThickness":
                var shared = ds.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence)!.Clone();
                var measures = shared.GetSequenceItem(DicomTags.PixelMeasuresSequence)!.Clone();
                measures.Remove(DicomTags.SliceThickness);
                ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, shared.SetSequence(DicomTags.PixelMeasuresSequence, measures));
                break;
            case "PlanePosition removed from one frame":
                frames[1].Remove(DicomTags.PlanePositionSequence);
                ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames);
                break;
            case "no FrameOfReferenceUID": ds.Remove(DicomTags.FrameOfReferenceUid); break;
            case "DerivationImage removed from one frame":
                frames[2].Remove(DicomTags.DerivationImageSequence);
                ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames);
                break;
            default: throw new ArgumentException(breakage, nameof(breakage));
        }
    }
}
