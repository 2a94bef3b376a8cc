using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>The Part 10 reader on the real corpus: transfer syntaxes, odd headers, private and UN sequences, character sets.</summary>
public sealed class DicomFileReadTests
{
    private static readonly string[] MrSmall =
        ["MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_padded.dcm",
         "MR_small_RLE.dcm", "MR_small_jp2klossless.dcm", "MR_small_jpeg_ls_lossless.dcm"];

    [Fact]
    public void All_MR_small_variants_give_the_same_header_and_native_ones_the_same_pixels()
    {
        var reference = DicomFile.Open(TestData.Pydicom("MR_small.dcm")).Dataset;
        var referenceHeader = HeaderJson(reference);
        foreach (var name in MrSmall)
        {
            var file = DicomFile.Open(TestData.Pydicom(name));
            Assert.True(referenceHeader == HeaderJson(file.Dataset), $"{name}: header differs");
            // 64 × 64 × 16 bits; MR_small_padded.dcm carries trailing padding after the pixels.
            if (!file.TransferSyntax.IsEncapsulated)
                Assert.True(reference.GetBytes(DicomTags.PixelData)[..8192].Span.SequenceEqual(file.Dataset.GetBytes(DicomTags.PixelData)[..8192].Span), $"{name}: pixels differ");
            else
                Assert.IsType<DicomFragments>(file.Dataset[DicomTags.PixelData]);
        }
    }

    /// <summary>The header as JSON without pixel data, group lengths and the padding elements only some variants carry.</summary>
    private static string HeaderJson(DicomDataset dataset)
    {
        var copy = dataset.Clone();
        foreach (var item in dataset.Where(i => i.Tag >= DicomTags.PixelData || i.Tag.Group == 0xFFFC || i.Tag == DicomTags.PixelPaddingValue).ToList())
            copy.Remove(item.Tag);
        return DicomJsonWriter.ToJson(copy);
    }

    [Fact]
    public void Big_endian_values_are_swapped_to_little_endian()
    {
        var big = DicomFile.Open(TestData.Pydicom("MR_small_bigendian.dcm"));
        Assert.True(big.TransferSyntax.IsBigEndian);
        Assert.Equal((ushort)64, big.Dataset.GetUInt16(DicomTags.Rows));
    }

    [Fact]
    public void Deflated_implicit_and_no_meta_files_are_read()
    {
        Assert.True(DicomFile.Open(TestData.Pydicom("image_dfl.dcm")).TransferSyntax.IsDeflated);
        Assert.False(DicomFile.Open(TestData.Pydicom("MR_small_implicit.dcm")).TransferSyntax.IsExplicitVR);
        // rtplan.dcm data set alone, no preamble or meta: recognised from its first element
        var whole = File.ReadAllBytes(TestData.Pydicom("CT_small.dcm"));
        var file = DicomFile.Read(whole.AsMemory(132));
        Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
    }

    [Fact]
    public void Implicit_data_set_under_explicit_meta_is_read_as_its_bytes_say()
    {
        var file = DicomFile.Open(TestData.Pydicom("SC_rgb_jpeg.dcm"));
        Assert.Equal("RGB", file.Dataset.GetString(DicomTags.PhotometricInterpretation));
        Assert.IsType<DicomFragments>(file.Dataset[DicomTags.PixelData]);
    }

    [Fact]
    public void UN_sequences_and_nested_private_sequences_are_parsed()
    {
        var un = DicomFile.Open(TestData.Pydicom("UN_sequence.dcm")).Dataset;
        Assert.Contains(un, i => i is DicomSequence { VR: var vr } && vr == DicomVR.SQ);
        var nested = DicomFile.Open(TestData.Pydicom("nested_priv_SQ.dcm")).Dataset;
        var outer = Assert.IsType<DicomSequence>(nested[new DicomTag(0x0001, 0x0001)]);
        Assert.IsType<DicomSequence>(outer.Items[0][new DicomTag(0x0001, 0x0001)]);
    }

    [Theory]
    [InlineData("chrFren.dcm", "Buc^Jérôme")]
    [InlineData("chrX1.dcm", "Wang^XiaoDong=王^小東=")]
    [InlineData("chrRuss.dcm", "Люкceмбypг")]
    [InlineData("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    public void Character_sets_decode(string name, string patientName)
    {
        var path = Path.Combine(TestData.PydicomCharsetFiles, name);
        Assert.Equal(patientName, DicomFile.Open(path).Dataset.GetString(DicomTags.PatientName));
    }

    [Theory]
    [InlineData("MR_truncated.dcm")]
    [InlineData("rtplan_truncated.dcm")]
    [InlineData("no_meta.dcm")]
    [InlineData("README.txt")]
    [InlineData("zipMR.gz")]
    public void Files_dcmtk_rejects_raise_DicomFormatException(string name)
    {
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Open(TestData.Pydicom(name)));
        Assert.True(e.Offset >= 0, e.Message);
    }
}
