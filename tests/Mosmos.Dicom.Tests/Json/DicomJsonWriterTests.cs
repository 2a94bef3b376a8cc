using System.Text.Json.Nodes;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>The writer's spellings (PS3.18 F.2): numbers, person names, AT, empty values, binary values.</summary>
public sealed class DicomJsonWriterTests
{
    private static readonly byte[] OneTwo = [1, 2];

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode Attribute(DicomDataset ds, string key, DicomJsonWriterOptions? options = null) =>
        JsonNode.Parse(DicomJsonWriter.ToJson(ds, options))![key]!;

    [Theory]
    [InlineData("5.000000", "5.000000")]
    [InlineData("+1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("007", "7")]
    [InlineData("1.", "1.0")]
    [InlineData("1e-20", "1e-20")]
    [InlineData("1.E5", "1.0E5")]
    public void DS_is_a_JSON_number_spelled_like_dcm2json(string ds, string json)
    {
        var dataset = new DicomDataset().SetString(DicomTags.SliceThickness, DicomVR.DS, ds);
        Assert.Equal($"[{json}]", Attribute(dataset, "00180050")["Value"]!.ToJsonString());
    }

    [Fact]
    public void DS_that_is_no_number_stays_a_string_and_empty_values_are_null()
    {
        var dataset = new DicomDataset().SetString(DicomTags.PixelSpacing, DicomVR.DS, "abc", "", "0.5");
        Assert.Equal("[\"abc\",null,0.5]", Attribute(dataset, "00280030")["Value"]!.ToJsonString());
    }

    [Fact]
    public void PN_is_an_object_of_component_groups()
    {
        var dataset = new DicomDataset { Encoding = System.Text.Encoding.UTF8 }
            .SetString(DicomTags.PatientName, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "^^^^", "Doe^John=^");
        Assert.Equal(
            "[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"},null,{\"Alphabetic\":\"Doe^John\"}]",
            Attribute(dataset, "00100010")["Value"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void AT_is_a_hex_string_and_empty_elements_have_no_Value()
    {
        var dataset = new DicomDataset().SetTags(DicomTags.FrameIncrementPointer, DicomTags.FrameTime)
            .SetEmpty(DicomTags.PatientId, DicomVR.LO).SetEmpty(DicomTags.ReferencedImageSequence, DicomVR.SQ);
        Assert.Equal("[\"00181063\"]", Attribute(dataset, "00280009")["Value"]!.ToJsonString());
        Assert.Equal("{\"vr\":\"LO\"}", Attribute(dataset, "00100020").ToJsonString());
        Assert.Equal("{\"vr\":\"SQ\"}", Attribute(dataset, "00081140").ToJsonString());
    }

    [Fact]
    public void Binary_values_are_InlineBinary_unless_the_callback_gives_a_BulkDataURI()
    {
        var dataset = new DicomDataset().SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[4096])
            .SetBytes(DicomTags.IccProfile, DicomVR.OB, OneTwo);
        var options = new DicomJsonWriterOptions { BulkDataUri = c => c.Length > 1024 ? "http://x/bulk/" + c.Tag.ToJsonKey() : null };
        Assert.Equal("http://x/bulk/7FE00010", Attribute(dataset, "7FE00010", options)["BulkDataURI"]!.GetValue<string>());
        Assert.Equal("AQI=", Attribute(dataset, "00282000", options)["InlineBinary"]!.GetValue<string>());
        Assert.Equal("{\"vr\":\"OW\"}", Attribute(dataset, "7FE00010", new DicomJsonWriterOptions { OmitBinaryValues = true }).ToJsonString());
    }

    [Fact]
    public void Non_finite_floats_and_large_64_bit_integers_are_strings()
    {
        var dataset = new DicomDataset().SetFloat64(DicomTags.RealWorldValueSlope, double.NaN, double.PositiveInfinity);
        Assert.Equal("[\"NaN\",\"inf\"]", Attribute(dataset, "00409225")["Value"]!.ToJsonString());
    }
}
