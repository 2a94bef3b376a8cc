using System.Text;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>The reader: round trips, both spellings of DS/IS, arrays (streamed), and hostile input.</summary>
public sealed class DicomJsonReaderTests
{
    private static readonly double[] Spacing = [0.5, 0.25], Numbers = [7, 8];
    private static readonly byte[] OneTwo = [1, 2];

    [Fact]
    public void Corpus_files_round_trip_through_JSON()
    {
        foreach (var name in new[] { "CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "test-SR.dcm", "nested_priv_SQ.dcm", "SC_rgb_rle.dcm" })
        {
            var dataset = DicomFile.Open(Mosmos.Testing.TestData.Pydicom(name)).Dataset;
            var json = DicomJsonWriter.ToJson(dataset);
            var back = DicomJsonReader.Parse(json);
            Assert.Equal(json, DicomJsonWriter.ToJson(back));
        }
    }

    [Fact]
    public void Encapsulated_pixel_data_comes_back_as_fragments()
    {
        var dataset = DicomFile.Open(Mosmos.Testing.TestData.Pydicom("SC_rgb_rle_2frame.dcm")).Dataset;
        var original = Assert.IsType<DicomFragments>(dataset[DicomTags.PixelData]);
        var back = Assert.IsType<DicomFragments>(DicomJsonReader.Parse(DicomJsonWriter.ToJson(dataset))[DicomTags.PixelData]);
        Assert.Equal(original.OffsetTable, back.OffsetTable);
        Assert.Equal(original.Fragments.Select(f => f.Value.ToArray()), back.Fragments.Select(f => f.Value.ToArray()));
    }

    [Fact]
    public void DS_and_IS_are_read_from_numbers_or_strings()
    {
        var ds = DicomJsonReader.Parse("""{"00280030":{"vr":"DS","Value":[0.5,"0.25"]},"00200013":{"vr":"IS","Value":["7",8]}}""");
        Assert.Equal(Spacing, ds.GetDoubles(DicomTags.PixelSpacing));
        Assert.Equal(Numbers, ds.GetDoubles(DicomTags.InstanceNumber));
    }

    [Fact]
    public void Text_is_UTF8_and_the_character_set_says_so()
    {
        var ds = DicomJsonReader.Parse("""{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Müller","Ideographic":"山田"}]}}""");
        Assert.Equal("Müller=山田", ds.GetString(DicomTags.PatientName));
        Assert.Equal("ISO_IR 192", ds.GetString(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void BulkDataURIs_go_to_the_resolver()
    {
        var seen = new List<DicomBulkDataReference>();
        var options = new DicomJsonReaderOptions { BulkData = r => { seen.Add(r); return new byte[] { 1, 2 }; } };
        var ds = DicomJsonReader.Parse("""{"7FE00010":{"vr":"OW","BulkDataURI":"http://x/1"}}""", options);
        Assert.Equal("http://x/1", Assert.Single(seen).Uri);
        Assert.Equal(OneTwo, ds.GetBytes(DicomTags.PixelData).ToArray());
    }

    [Fact]
    public async Task An_array_of_data_sets_streams()
    {
        var json = "[" + string.Join(',', Enumerable.Range(1, 50).Select(i => "{\"00200013\":{\"vr\":\"IS\",\"Value\":[" + i + "]}}")) + "]";
        int n = 0;
        await foreach (var ds in DicomJsonReader.ReadArrayAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))))
            Assert.Equal(++n, ds.GetInt32(DicomTags.InstanceNumber));
        Assert.Equal(50, n);
        Assert.Equal(50, DicomJsonReader.ReadArray(Encoding.UTF8.GetBytes(json)).Count);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"0010":{"vr":"PN"}}""")]
    [InlineData("""{"00100010":{"vr":"XX"}}""")]
    [InlineData("""{"00100010":{}}""")]
    [InlineData("""{"00100010":{"vr":"PN","Value":"x"}}""")]
    [InlineData("""{"00280010":{"vr":"US","Value":[70000]}}""")]
    [InlineData("""{"00280010":{"vr":"US","Value":["1"]}}""")]
    [InlineData("""{"00200013":{"vr":"IS","Value":[1.5]}}""")]
    [InlineData("""{"00080018":{"vr":"UI","Value":["1.02"]}}""")]
    [InlineData("""{"00100020":{"vr":"LO","Value":["a\\b"]}}""")]
    [InlineData("""{"00280009":{"vr":"AT","Value":["0018106"]}}""")]
    [InlineData("""{"7FE00010":{"vr":"OB","InlineBinary":"not base64!"}}""")]
    [InlineData("""{"7FE00010":{"vr":"OB","InlineBinary":"AA==","BulkDataURI":"x"}}""")]
    [InlineData("""{"00100010":{"vr":"PN","Value":[{"Alphabetic":"a","Nickname":"b"}]}}""")]
    [InlineData("""{"00100020":{"vr":"LO","Value":["a"]},"00100020":{"vr":"LO","Value":["b"]}}""")]
    public void Malformed_input_raises_DicomFormatException(string json) =>
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Parse(json));

    [Fact]
    public void Limits_bound_depth_values_and_size()
    {
        var deep = new StringBuilder();
        for (int i = 0; i < 40; i++) deep.Append("""{"00081140":{"vr":"SQ","Value":[""");
        deep.Append("{}");
        for (int i = 0; i < 40; i++) deep.Append("]}}");
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Parse(deep.ToString()));

        var many = """{"00280030":{"vr":"DS","Value":[""" + string.Join(',', Enumerable.Repeat("1", 2000)) + "]}}";
        var small = new DicomJsonReaderOptions { MaxValuesPerAttribute = 1000, MaxDocumentBytes = 100_000 };
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Parse(many, small));
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Parse(new string(' ', 200_000) + "{}", small));
    }

    [Fact]
    public async Task A_bad_array_raises_DicomFormatException_while_streaming()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("""[{"00200013":{"vr":"IS","Value":[1]}},{"x":1}]"""));
        await Assert.ThrowsAsync<DicomFormatException>(async () =>
        {
            await foreach (var _ in DicomJsonReader.ReadArrayAsync(stream)) { }
        });
    }
}
