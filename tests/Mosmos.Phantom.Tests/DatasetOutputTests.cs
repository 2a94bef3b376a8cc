using Mosmos.Datasets;
using Mosmos.Phantom.Output;

namespace Mosmos.Phantom.Tests;

/// <summary>The dataset folder written beside the DICOM opens with Mosmos.Datasets and holds exactly the study.</summary>
public sealed class DatasetOutputTests
{
    [Fact]
    public void DatasetRoundTripsTheStudy()
    {
        var folder = TestStudies.TempFolder("dataset");
        PhantomBatch.Run(folder, 51, 2, TestStudies.Tiny, new StudyOutputs(Dicom: false));
        var dataset = Dataset.Open(Path.Combine(folder, "dataset"));
        Assert.Equal(["phantom-51", "phantom-52"], dataset.Cases.Select(c => c.Id));
        var study = PhantomGenerator.Generate(52, TestStudies.Tiny);
        var c = dataset.Case("phantom-52");
        var loaded = dataset.Load(c);
        Assert.Equal(study.Hu, loaded.Image);
        Assert.Equal(study.Labels, loaded.Labels);
        Assert.Equal(study.Grid.Affine(), c.DirectionAndOrigin);
        Assert.Equal(study.Report.Text, dataset.ReadReport(c));
        Assert.Equal(study.Report.StatedTags, c.Tags);
        Assert.Equal("spleen", dataset.Labels[1]);
        var sidecar = Sidecar.Read(Path.Combine(folder, "phantom-52", "study.json"));
        Assert.Equal(16, sidecar.TrueTags.Count);
        Assert.Equal(study.Identity.StudyInstanceUid, sidecar.Identity.StudyInstanceUid);
    }
}
