using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>Enhanced CT (PS3.3 A.38) with shared and per-frame functional groups (C.7.6.16), built in code.</summary>
public sealed class EnhancedMultiFrameTests
{
    private const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";
    private const string InstanceUid = "1.2.826.0.1.3680043.10.999.7.1";

    /// <summary>Frame f (1-based) holds generated slice FrameOrder[f − 1]: frames are stored out of spatial order.</summary>
    private static readonly int[] FrameOrder = [4, 0, 8, 2, 6, 1, 7, 3, 5];

    [Fact]
    public void Frames_are_ordered_by_plane_position_with_per_frame_rescale()
    {
        var series = new SyntheticSeries { Intercept = -1024 };
        var instance = Enhanced(series, perFrameOrientation: false);

        var built = new SeriesVolumeBuilder().Build<float>([instance], s => FrameBytes(instance, s.FrameNumber, series));

        Assert.Equal((7, 5, 9), (built.Geometry.SizeX, built.Geometry.SizeY, built.Geometry.SizeZ));
        Assert.Equal(new Vector3D(0.6, 0.8, 2.5), built.Geometry.Spacing);
        for (int z = 0; z < 9; z++)
        {
            int frame = Array.IndexOf(FrameOrder, z) + 1;
            Assert.Equal(frame, built.Slices[z].FrameNumber);
            Assert.True(built.Slices[z].IsMultiFrame);
            Assert.Equal(InstanceUid, built.Slices[z].SopInstanceUid);
            Assert.Equal(z, built.Layout.FindSlice(InstanceUid, frame));
        }
        // Generated slice 2 (frame 4) has its own rescale in its per-frame groups: slope 2, intercept −1000.
        Assert.Equal(2 * series.Value(1, 1, 2) - 1000f, built.Volume[1, 1, 2]);
        Assert.Equal(series.Value(1, 1, 3) - 1024f, built.Volume[1, 1, 3]);
    }

    [Fact]
    public void Per_frame_orientation_and_part10_round_trip_give_the_same_volume()
    {
        var series = new SyntheticSeries { Intercept = -1024, RowDirection = new Vector3D(0, 1, 0), ColumnDirection = new Vector3D(0, 0, -1) };
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "enhanced.dcm");
        DicomWriter.Write(path, Enhanced(series, perFrameOrientation: true));

        var built = SeriesVolumeBuilder.FromPart10Files([path]);

        Assert.Equal(new Vector3D(-1, 0, 0), built.Geometry.DirectionZ);
        Assert.Equal(series.Position(0), built.Geometry.Origin);
        Assert.Equal(series.Value(6, 4, 8) - 1024f, built.Volume[6, 4, 8]);
        Assert.Equal(2 * series.Value(0, 3, 2) - 1000f, built.Volume[0, 3, 2]);
        Assert.Equal(9, built.Layout.Instances[0].Frames.Count);
    }

    [Fact]
    public void Missing_functional_groups_are_undecodable()
    {
        var instance = Enhanced(new SyntheticSeries(), perFrameOrientation: false);
        instance.GetSequenceItem(DicomTags.PerFrameFunctionalGroupsSequence, 3)!.Remove(DicomTags.PlanePositionSequence);

        var e = Assert.Throws<SeriesRejectedException>(() => new SeriesVolumeBuilder().Plan([instance]));

        Assert.Equal(SeriesRejection.Undecodable, e.Reason);
        Assert.Contains("frame 4", e.Message, StringComparison.Ordinal);
    }

    private static ReadOnlyMemory<byte> FrameBytes(DicomDataset instance, int frame, SyntheticSeries series)
    {
        int size = series.Rows * series.Columns * 2;
        return instance.GetBytes(DicomTags.PixelData).Slice((frame - 1) * size, size);
    }

    private static DicomDataset Enhanced(SyntheticSeries series, bool perFrameOrientation)
    {
        var orientation = new DicomDataset().SetDecimals(DicomTags.ImageOrientationPatient,
            series.RowDirection.X, series.RowDirection.Y, series.RowDirection.Z,
            series.ColumnDirection.X, series.ColumnDirection.Y, series.ColumnDirection.Z);
        var shared = new DicomDataset()
            .SetSequence(DicomTags.PixelMeasuresSequence, new DicomDataset()
                .SetDecimals(DicomTags.PixelSpacing, series.RowSpacing, series.ColumnSpacing)
                .SetDecimals(DicomTags.SliceThickness, series.SliceSpacing))
            .SetSequence(DicomTags.PixelValueTransformationSequence, new DicomDataset()
                .SetDecimals(DicomTags.RescaleIntercept, series.Intercept).SetDecimals(DicomTags.RescaleSlope, series.Slope)
                .SetString(DicomTags.RescaleType, DicomVR.LO, "HU"));
        if (!perFrameOrientation) shared.SetSequence(DicomTags.PlaneOrientationSequence, orientation);

        var perFrame = new List<DicomDataset>();
        var pixels = new List<byte>();
        foreach (int z in FrameOrder)
        {
            var p = series.Position(z);
            var groups = new DicomDataset()
                .SetSequence(DicomTags.PlanePositionSequence, new DicomDataset().SetDecimals(DicomTags.ImagePositionPatient, p.X, p.Y, p.Z));
            if (perFrameOrientation) groups.SetSequence(DicomTags.PlaneOrientationSequence, orientation.Clone());
            if (z == 2)
            {
                groups.SetSequence(DicomTags.PixelValueTransformationSequence, new DicomDataset()
                    .SetDecimals(DicomTags.RescaleIntercept, -1000).SetDecimals(DicomTags.RescaleSlope, 2));
            }
            perFrame.Add(groups);
            pixels.AddRange(series.Frame(z));
        }

        var ds = new DicomDataset()
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE")
            .SetString(DicomTags.SopClassUid, DicomVR.UI, EnhancedCtImageStorage)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, InstanceUid)
            .SetString(DicomTags.Modality, DicomVR.CS, "CT")
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, SyntheticSeries.SeriesUid)
            .SetIntegerStrings(DicomTags.InstanceNumber, 1)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, SyntheticSeries.FrameOfReferenceUid)
            .SetIntegerStrings(DicomTags.NumberOfFrames, FrameOrder.Length)
            .SetSequence(DicomTags.SharedFunctionalGroupsSequence, shared)
            .SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        series.SetPixelModule(ds);
        return ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels.ToArray());
    }
}
