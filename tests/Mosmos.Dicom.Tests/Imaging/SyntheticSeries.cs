using System.Buffers.Binary;
using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>
/// A classic single-frame CT/MR series generated with known geometry. Stored values default to
/// 100·z + 10·y + x (z in generation order), so every voxel says where it came from.
/// Row and column spacings differ and the matrix is not square, so a swapped PixelSpacing shows.
/// </summary>
internal sealed record SyntheticSeries
{
    public const string SeriesUid = "1.2.826.0.1.3680043.10.999.1";
    public const string FrameOfReferenceUid = "1.2.826.0.1.3680043.10.999.2";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public int Columns { get; init; } = 7;
    public int Rows { get; init; } = 5;
    public int Slices { get; init; } = 9;

    /// <summary>PixelSpacing[0], between rows (mm).</summary>
    public double RowSpacing { get; init; } = 0.8;

    /// <summary>PixelSpacing[1], between columns (mm).</summary>
    public double ColumnSpacing { get; init; } = 0.6;

    public double SliceSpacing { get; init; } = 2.5;
    public Vector3D RowDirection { get; init; } = new(1, 0, 0);
    public Vector3D ColumnDirection { get; init; } = new(0, 1, 0);
    public Vector3D Origin { get; init; } = new(-10, -20, 30);

    /// <summary>IPP step between generated slices; default is the normal times the slice spacing.</summary>
    public Vector3D? Step { get; init; }

    public string Modality { get; init; } = "CT";
    public int BitsAllocated { get; init; } = 16;
    public int BitsStored { get; init; } = 16;
    public int? HighBit { get; init; }
    public bool Signed { get; init; }
    public string Photometric { get; init; } = "MONOCHROME2";
    public double Slope { get; init; } = 1;
    public double Intercept { get; init; }

    /// <summary>Bits set above HighBit in every stored word (must be ignored by the reader).</summary>
    public int HighGarbage { get; init; }

    public Func<int, int, int, int> Value { get; init; } = (x, y, z) => 100 * z + 10 * y + x;

    public Vector3D Normal => Vector3D.Cross(RowDirection, ColumnDirection);

    public Vector3D Position(int z) => Origin + (Step ?? Normal * SliceSpacing) * z;

    public static string InstanceUid(int z) => $"1.2.826.0.1.3680043.10.999.3.{z + 1}";

    /// <summary>One data set per generated slice, in generation order; InstanceNumber runs backwards on purpose.</summary>
    public List<DicomDataset> Instances() => Enumerable.Range(0, Slices).Select(Instance).ToList();

    public DicomDataset Instance(int z)
    {
        var ds = new DicomDataset()
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetString(DicomTags.SopClassUid, DicomVR.UI, CtImageStorage)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, InstanceUid(z))
            .SetString(DicomTags.Modality, DicomVR.CS, Modality)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, SeriesUid)
            .SetIntegerStrings(DicomTags.InstanceNumber, 1000 - z)
            .SetDecimals(DicomTags.ImagePositionPatient, Position(z).X, Position(z).Y, Position(z).Z)
            .SetDecimals(DicomTags.ImageOrientationPatient, RowDirection.X, RowDirection.Y, RowDirection.Z,
                ColumnDirection.X, ColumnDirection.Y, ColumnDirection.Z)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, FrameOfReferenceUid)
            .SetDecimals(DicomTags.SliceThickness, SliceSpacing)
            .SetDecimals(DicomTags.PixelSpacing, RowSpacing, ColumnSpacing);
        SetPixelModule(ds);
        ds.SetDecimals(DicomTags.RescaleIntercept, Intercept).SetDecimals(DicomTags.RescaleSlope, Slope);
        ds.SetBytes(DicomTags.PixelData, BitsAllocated == 8 ? DicomVR.OB : DicomVR.OW, Frame(z));
        return ds;
    }

    public void SetPixelModule(DicomDataset ds)
    {
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, Photometric)
            .SetUInt16(DicomTags.Rows, (ushort)Rows)
            .SetUInt16(DicomTags.Columns, (ushort)Columns)
            .SetUInt16(DicomTags.BitsAllocated, (ushort)BitsAllocated)
            .SetUInt16(DicomTags.BitsStored, (ushort)BitsStored)
            .SetUInt16(DicomTags.HighBit, (ushort)(HighBit ?? BitsStored - 1))
            .SetUInt16(DicomTags.PixelRepresentation, (ushort)(Signed ? 1 : 0));
    }

    /// <summary>Native little-endian frame bytes of generated slice z, stored values placed at HighBit.</summary>
    public byte[] Frame(int z)
    {
        int bytes = BitsAllocated / 8;
        var frame = new byte[Rows * Columns * bytes];
        int shift = (HighBit ?? BitsStored - 1) + 1 - BitsStored;
        int mask = (1 << BitsStored) - 1;
        for (int y = 0; y < Rows; y++)
        {
            for (int x = 0; x < Columns; x++)
            {
                int word = ((Value(x, y, z) & mask) << shift) | HighGarbage;
                int at = (y * Columns + x) * bytes;
                if (bytes == 1) frame[at] = (byte)word;
                else BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(at), (ushort)word);
            }
        }
        return frame;
    }

    /// <summary>Builds through the frame callback, reading each slice's PixelData element.</summary>
    public static SeriesVolume<float> Build(IEnumerable<DicomDataset> instances, SeriesVolumeOptions? options = null) =>
        new SeriesVolumeBuilder(options).Build<float>(instances, s => s.Instance.GetBytes(DicomTags.PixelData));
}
