using System.Text;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Core;

/// <summary>Specific Character Set terms → decoding (PS3.3 C.12.1.1.2), including ISO 2022 escapes in items.</summary>
public sealed class DicomCharacterSetTests
{
    [Theory]
    [InlineData("ISO_IR 100", new byte[] { 0x4A, 0xE9 }, "Jé")]
    [InlineData("ISO_IR 192", new byte[] { 0x4A, 0xC3, 0xA9 }, "Jé")]
    [InlineData("ISO_IR 144", new byte[] { 0xBB, 0xEE }, "Лю")]
    [InlineData("ISO_IR 6", new byte[] { 0x41 }, "A")]
    public void Single_byte_and_UTF8_terms(string term, byte[] bytes, string text) =>
        Assert.Equal(text, DicomCharacterSet.FromTerms([term]).GetString(bytes));

    [Fact]
    public void An_item_with_its_own_ISO_2022_set_decodes_with_it()
    {
        var ds = DicomFile.Open(Path.Combine(TestData.PydicomCharsetFiles, "chrSQEncoding.dcm")).Dataset;
        var item = ds.GetSequence(new DicomTag(0x0032, 0x1064))[0];
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void ISO_2022_encoding_writes_the_default_repertoire()
    {
        var encoding = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87"]);
        Assert.Equal("ABC"u8.ToArray(), encoding.GetBytes("ABC"));
        Assert.NotSame(Encoding.Latin1, encoding);
    }
}
