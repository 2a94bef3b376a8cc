namespace Mosmos.Datasets.Tests;

public sealed class DatasetRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrittenCaseReadsBackIdentically(bool compress)
    {
        using var tmp = new TempFolder();
        var dataset = SampleDatasets.WriteOne(tmp.Path, compress);

        var c = Assert.Single(dataset.Cases);
        Assert.Equal(compress ? "images/case-1.i16.gz" : "images/case-1.i16", c.ImageFile);
        Assert.Equal(SampleDatasets.Labels, dataset.Labels);
        Assert.Equal([6, 5, 4], c.Size);
        Assert.Equal(OrganTag.Absent, c.Tags!["gallbladder"]);
        var volume = dataset.Load(c);
        Assert.Equal(SampleDatasets.Image(120), volume.Image);
        Assert.Equal(SampleDatasets.LabelMap(120), volume.Labels);
        Assert.Equal("The spleen is normal.", dataset.ReadReport(c));
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ManifestUsesTheDocumentedFieldNames()
    {
        using var tmp = new TempFolder();
        SampleDatasets.WriteOne(tmp.Path, compress: false);
        var json = File.ReadAllText(Path.Combine(tmp.Path, "dataset.json"));
        foreach (var field in new[] { "\"format\": 1", "\"1\": \"spleen\"", "\"imageFile\"", "\"labelFile\"", "\"reportFile\"",
                     "\"spacingMm\"", "\"directionAndOrigin\"", "\"modality\"", "\"studyInstanceUid\"", "\"source\"", "\"absent\"" })
            Assert.Contains(field, json, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageIsLittleEndianInt16XFastest()
    {
        using var tmp = new TempFolder();
        var dataset = SampleDatasets.WriteOne(tmp.Path, compress: false);
        var bytes = File.ReadAllBytes(dataset.PathOf(dataset.Cases[0].ImageFile));
        Assert.Equal(240, bytes.Length);
        var image = SampleDatasets.Image(120);
        Assert.Equal(image[1], (short)(bytes[2] | bytes[3] << 8)); // voxel (1, 0, 0)
        Assert.Equal(6 * 5, dataset.Load(dataset.Cases[0]).Index(0, 0, 1));
    }

    [Fact]
    public void ReopenedWriterResumesAndSkipsExistingCases()
    {
        using var tmp = new TempFolder();
        SampleDatasets.WriteOne(tmp.Path, compress: true);
        var writer = DatasetWriter.Open(tmp.Path, SampleDatasets.Labels);
        Assert.True(writer.Contains("case-1"));
        writer.Add(SampleDatasets.Meta("report-only"), SampleDatasets.Image(120), report: "No acute findings.");
        var dataset = Dataset.Open(tmp.Path);
        Assert.Equal(["case-1", "report-only"], dataset.Cases.Select(c => c.Id));
        Assert.Null(dataset.Cases[1].LabelFile);
        Assert.Throws<ArgumentException>(() => writer.Add(SampleDatasets.Meta("case-1"), SampleDatasets.Image(120)));
    }

    [Fact]
    public void ReopeningWithAnotherLabelMapIsRefused()
    {
        using var tmp = new TempFolder();
        SampleDatasets.WriteOne(tmp.Path, compress: false);
        var e = Assert.Throws<DatasetFormatException>(() => DatasetWriter.Open(tmp.Path, new Dictionary<int, string> { [1] = "kidney_left" }));
        Assert.Contains("different label map", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriterRejectsWrongVoxelCountAndUnknownLabels()
    {
        using var tmp = new TempFolder();
        var writer = DatasetWriter.Open(tmp.Path, SampleDatasets.Labels);
        Assert.Throws<ArgumentException>(() => writer.Add(SampleDatasets.Meta("a"), SampleDatasets.Image(119)));
        var labels = SampleDatasets.LabelMap(120);
        labels[5] = 9;
        Assert.Throws<DatasetFormatException>(() => writer.Add(SampleDatasets.Meta("b"), SampleDatasets.Image(120), labels));
        Assert.Empty(Dataset.Open(tmp.Path).Cases);
    }
}
