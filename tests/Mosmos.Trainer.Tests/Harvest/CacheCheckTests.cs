using Mosmos.Datasets;
using Mosmos.Trainer.Harvest;

namespace Mosmos.Trainer.Tests.Harvest;

public sealed class CacheCheckTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IntactCasesPassAndTruncatedOrMissingFilesAreNamed(bool compress)
    {
        using var tmp = new TempFolder();
        var writer = DatasetWriter.Open(tmp.Path, TinyData.Labels);
        var (image, labels) = TinyData.Volume(0);
        var c = writer.Add(new DatasetCase
        {
            Id = "c", ImageFile = "-", Size = [TinyData.Edge, TinyData.Edge, TinyData.Edge], SpacingMm = [1, 1, 1],
            DirectionAndOrigin = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], Modality = "CT", Source = "test",
        }, image, labels, "report", compress);
        Assert.Null(CacheCheck.Problem(tmp.Path, c));

        var imagePath = Path.Combine(tmp.Path, c.ImageFile);
        var bytes = File.ReadAllBytes(imagePath);
        File.WriteAllBytes(imagePath, bytes[..(bytes.Length / 2)]);
        var problem = CacheCheck.Problem(tmp.Path, c);
        Assert.NotNull(problem);
        Assert.StartsWith(c.ImageFile + " ", problem, StringComparison.Ordinal);
        Assert.Contains(compress ? "truncated or damaged" : $"its size needs {TinyData.Edge * TinyData.Edge * TinyData.Edge * 2}", problem, StringComparison.Ordinal);

        File.WriteAllBytes(imagePath, bytes);
        File.Delete(Path.Combine(tmp.Path, c.LabelFile!));
        Assert.Equal($"{c.LabelFile} is missing", CacheCheck.Problem(tmp.Path, c));

        Assert.True(writer.Remove(c.Id));
        Assert.False(File.Exists(imagePath));
        Assert.Empty(Dataset.Open(tmp.Path).Cases);
        Assert.False(writer.Remove(c.Id));
    }
}
