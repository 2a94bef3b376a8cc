using System.Buffers.Binary;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>The Part 10 writer: round trips, the meta group, padding, and validation by dciodvfy and dcmdump.</summary>
public sealed class DicomWriterTests
{
    [Theory]
    [InlineData("CT_small.dcm")]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("rtplan.dcm")]
    [InlineData("SC_rgb_rle.dcm")]
    [InlineData("test-SR.dcm")]
    public void Read_write_read_gives_the_same_data_set(string name)
    {
        var first = DicomFile.Open(TestData.Pydicom(name));
        var bytes = DicomWriter.ToBytes(first.Dataset, first.TransferSyntax.IsEncapsulated ? first.TransferSyntax : null);
        var second = DicomFile.Read(bytes);
        Assert.Equal(DicomJsonWriter.ToJson(first.Dataset), DicomJsonWriter.ToJson(second.Dataset));
    }

    [Fact]
    public void Meta_group_length_counts_the_rest_of_group_0002()
    {
        var bytes = DicomWriter.ToBytes(SyntheticCt());
        Assert.Equal("DICM"u8.ToArray(), bytes[128..132]);
        uint groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        int end = 144 + (int)groupLength;
        Assert.Equal(0x0008, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end)));  // the data set starts right after
        var meta = DicomFile.Read(bytes).FileMetaInformation;
        Assert.Equal(DicomUid.ImplementationClassUid, meta.GetString(DicomTags.ImplementationClassUid));
        Assert.True(meta.GetString(DicomTags.ImplementationVersionName)!.Length <= 16);
    }

    [Fact]
    public void Odd_values_are_padded_NUL_for_UI_and_space_for_text()
    {
        var ds = new DicomDataset().SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.3")
            .SetString(DicomTags.PatientId, DicomVR.LO, "ABC");
        Assert.Equal("1.2.3\0"u8.ToArray(), ds.GetBytes(DicomTags.SopInstanceUid).ToArray());
        Assert.Equal("ABC "u8.ToArray(), ds.GetBytes(DicomTags.PatientId).ToArray());
    }

    [Theory]
    [InlineData(-249.511718750001)]
    [InlineData(1e-20)]
    [InlineData(1234567890123456789d)]
    [InlineData(-0.000123456789012345)]
    [InlineData(0.1)]
    public void DS_values_fit_16_characters_invariantly(double value)
    {
        var text = DicomValueFormat.FormatDecimalString(value);
        Assert.True(text.Length <= 16, text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), Math.Abs(value) * 1e-9);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2", true)]
    [InlineData("1.02.3", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.a", false)]
    [InlineData("", false)]
    public void UIDs_are_validated(string uid, bool valid)
    {
        Assert.Equal(valid, DicomUid.IsValid(uid));
        if (!valid && uid.Length > 0)
            Assert.Throws<ArgumentException>(() => new DicomDataset().SetString(DicomTags.SopInstanceUid, DicomVR.UI, uid));
        Assert.False(DicomUid.IsValid(new string('1', 65)));
    }

    [Fact]
    public async Task A_written_CT_passes_dciodvfy_and_dcmdump()
    {
        ExternalTool.Require("dciodvfy", "dicom3tools");
        using var temp = new TempDirectory();
        var path = temp.NewFile("ct.dcm");
        DicomWriter.Write(path, SyntheticCt());
        var verify = await ExternalTool.RunAsync("dciodvfy", path);
        var errors = (verify.StandardError + verify.StandardOutput).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        (await ExternalTool.RunAsync("dcmdump", path)).EnsureSuccess();
    }

    /// <summary>A minimal CT image with every Type 1 and 2 attribute of the CT Image IOD (PS3.3 A.3).</summary>
    internal static DicomDataset SyntheticCt()
    {
        const string study = "2.25.1", series = "2.25.2", frame = "2.25.3";
        var pixels = new byte[16 * 16 * 2];
        return new DicomDataset()
            .SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, "2.25.4")
            .SetString(DicomTags.StudyDate, DicomVR.DA, "20240101").SetString(DicomTags.StudyTime, DicomVR.TM, "120000")
            .SetEmpty(DicomTags.AccessionNumber, DicomVR.SH)
            .SetString(DicomTags.Modality, DicomVR.CS, "CT").SetEmpty(DicomTags.Manufacturer, DicomVR.LO)
            .SetEmpty(DicomTags.ReferringPhysicianName, DicomVR.PN).SetEmpty(DicomTags.Laterality, DicomVR.CS)
            .SetString(DicomTags.PatientPosition, DicomVR.CS, "HFS").SetEmpty(DicomTags.AcquisitionNumber, DicomVR.IS)
            .SetString(DicomTags.PatientName, DicomVR.PN, "Phantom^One").SetString(DicomTags.PatientId, DicomVR.LO, "P1")
            .SetEmpty(DicomTags.PatientBirthDate, DicomVR.DA).SetString(DicomTags.PatientSex, DicomVR.CS, "O")
            .SetDecimals(DicomTags.SliceThickness, 2.5).SetDecimals(DicomTags.Kvp, 120)
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, study).SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
            .SetEmpty(DicomTags.StudyId, DicomVR.SH).SetIntegerStrings(DicomTags.SeriesNumber, 1).SetIntegerStrings(DicomTags.InstanceNumber, 1)
            .SetEmpty(DicomTags.PatientOrientation, DicomVR.CS)
            .SetDecimals(DicomTags.ImagePositionPatient, -6, -6, 0).SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, frame).SetEmpty(DicomTags.PositionReferenceIndicator, DicomVR.LO)
            .SetUInt16(DicomTags.SamplesPerPixel, 1).SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, 16).SetUInt16(DicomTags.Columns, 16).SetDecimals(DicomTags.PixelSpacing, 0.8, 0.8)
            .SetUInt16(DicomTags.BitsAllocated, 16).SetUInt16(DicomTags.BitsStored, 12).SetUInt16(DicomTags.HighBit, 11)
            .SetUInt16(DicomTags.PixelRepresentation, 0)
            .SetDecimals(DicomTags.RescaleIntercept, -1024).SetDecimals(DicomTags.RescaleSlope, 1)
            .SetString(DicomTags.RescaleType, DicomVR.LO, "HU")
            .SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
    }
}
