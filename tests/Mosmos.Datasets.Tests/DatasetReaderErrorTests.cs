namespace Mosmos.Datasets.Tests;

/// <summary>Every malformed input gives <see cref="DatasetFormatException"/> naming the file and the problem.</summary>
public sealed class DatasetReaderErrorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedImage(bool compress)
    {
        using var tmp = new TempFolder();
        var dataset = SampleDatasets.WriteOne(tmp.Path, compress);
        var path = dataset.PathOf(dataset.Cases[0].ImageFile);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - (compress ? 12 : 2))]);

        var e = Assert.Throws<DatasetFormatException>(() => dataset.Load(dataset.Cases[0]));
        Assert.Equal(path, e.FilePath);
        Assert.Matches("truncated|corrupt gzip", e.Message);
    }

    [Fact]
    public void SizeInManifestDoesNotMatchTheFile()
    {
        using var tmp = new TempFolder();
        SampleDatasets.WriteOne(tmp.Path, compress: false);
        var manifest = Path.Combine(tmp.Path, "dataset.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"size\": [\n        6,", "\"size\": [\n        5,", StringComparison.Ordinal));
        var dataset = Dataset.Open(tmp.Path);
        Assert.Equal(5, dataset.Cases[0].Size[0]);

        var e = Assert.Throws<DatasetFormatException>(() => dataset.Load(dataset.Cases[0]));
        Assert.Contains("too long: 240 bytes, the case size needs 200", e.Message, StringComparison.Ordinal);
        Assert.Contains("case-1.i16", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"format\": 1, \"labels\": { \"1\": \"spleen\" }, \"cases\": [ ", "not a valid dataset manifest")]
    [InlineData("{ \"format\": 1, \"labels\": { \"one\": \"spleen\" } }", "not a valid dataset manifest")]
    [InlineData("{ \"format\": 2, \"labels\": { \"1\": \"spleen\" } }", "format 2 is not supported")]
    [InlineData("{ \"format\": 1, \"labels\": { \"300\": \"spleen\" } }", "label value 300 is outside 1..255")]
    [InlineData("null", "JSON null")]
    public void BadManifest(string json, string expected)
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "dataset.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<DatasetFormatException>(() => Dataset.Open(tmp.Path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void MissingManifest()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<DatasetFormatException>(() => Dataset.Open(tmp.Path));
        Assert.Contains("dataset.json is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLabelFile()
    {
        using var tmp = new TempFolder();
        var dataset = SampleDatasets.WriteOne(tmp.Path, compress: true);
        File.Delete(dataset.PathOf(dataset.Cases[0].LabelFile!));
        var e = Assert.Throws<DatasetFormatException>(() => Dataset.Open(tmp.Path));
        Assert.Contains("label file of case 'case-1' is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelValueNotInTheMap()
    {
        using var tmp = new TempFolder();
        var dataset = SampleDatasets.WriteOne(tmp.Path, compress: false);
        var path = dataset.PathOf(dataset.Cases[0].LabelFile!);
        var labels = File.ReadAllBytes(path);
        labels[17] = 42;
        File.WriteAllBytes(path, labels);
        var e = Assert.Throws<DatasetFormatException>(() => dataset.Load(dataset.Cases[0]));
        Assert.Contains("label value 42 is not in the dataset's label map (1, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseFieldsAreValidatedTogether()
    {
        using var tmp = new TempFolder();
        const string json = """
            { "format": 1, "labels": { "1": "spleen" }, "cases": [
              { "id": "../evil", "imageFile": "../outside.i16", "size": [0, 2, 2], "spacingMm": [1, 1],
                "directionAndOrigin": [1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1], "modality": "CT", "source": "t" },
              { "id": "b", "imageFile": "b.i16", "size": [2, 2, 2], "spacingMm": [1, 1, 1],
                "directionAndOrigin": [1,0,0,0, 0,1,0,0, 0,0,1,0, 1,0,0,1], "modality": "", "source": "t" } ] }
            """;
        File.WriteAllText(Path.Combine(tmp.Path, "dataset.json"), json);
        var e = Assert.Throws<DatasetFormatException>(() => Dataset.Open(tmp.Path));
        foreach (var problem in new[] { "id must be", "imageFile '../outside.i16' must be a relative path", "size must be 3 values",
                     "spacingMm must be 3 values", "last row must be 0 0 0 1", "modality is empty" })
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredField()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(Path.Combine(tmp.Path, "dataset.json"),
            """{ "format": 1, "labels": { "1": "spleen" }, "cases": [ { "id": "a", "imageFile": "a.i16" } ] }""");
        var e = Assert.Throws<DatasetFormatException>(() => Dataset.Open(tmp.Path));
        Assert.Contains("not a valid dataset manifest", e.Message, StringComparison.Ordinal);
    }
}
