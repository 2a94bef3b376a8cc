using Mosmos.Contracts;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Registry;

namespace Mosmos.Trainer.Tests.Registry;

public sealed class ModelRegistryTests
{
    private static ModelCard Card(string version) => new()
    {
        Name = "reg-test", Version = version, Modality = "CT",
        Labels = new Dictionary<int, string> { [1] = "spleen" },
        SpacingMm = [3, 3, 3], Intensity = Mosmos.Trainer.Data.Intensity.AbdomenCt, PatchSize = [16, 16, 16],
    };

    [Fact]
    public void PublishWritesAVersionedFolderWithItsSha256AndIsIdempotent()
    {
        using var tmp = new TempFolder();
        using var model = new UNet3d(new UNetConfig(2, [2, 4]));
        var file = Path.Combine(tmp.Path, "m.onnx");
        OnnxExporter.Write(model, Card("1.2.3"), file);
        var registry = Path.Combine(tmp.Path, "registry");

        var published = ModelRegistry.Publish(file, registry, TimeProvider.System);
        var folder = Path.Combine(registry, "reg-test", "1.2.3");
        Assert.Equal(Path.GetFullPath(Path.Combine(folder, "model.onnx")), published.Location);
        Assert.Equal(ModelRegistry.Sha256(file), published.Sha256);
        Assert.Equal($"{published.Sha256}  model.onnx\n", File.ReadAllText(Path.Combine(folder, "model.onnx.sha256")));
        Assert.Equal("1.2.3", ModelCardSerializer.Parse(File.ReadAllText(Path.Combine(folder, "model-card.json"))).Version);

        Assert.Equal(published.Sha256, ModelRegistry.Publish(file, registry, TimeProvider.System).Sha256);

        using var other = new UNet3d(new UNetConfig(2, [2, 4]));
        OnnxExporter.Write(other, Card("1.2.3"), file);
        Assert.Throws<InvalidOperationException>(() => ModelRegistry.Publish(file, registry, TimeProvider.System));
    }
}
