namespace Mosmos.Testing.Tests;

public class TestDataTests
{
    [Fact]
    public void Repo_root_holds_the_front_door()
    {
        Assert.True(File.Exists(RepoPaths.MosmosScript));
        Assert.True(File.Exists(RepoPaths.Combine("orthanc-config", "orthanc.json")));
    }

    [Fact]
    public void Catalogue_names_real_files()
    {
        Assert.True(File.Exists(TestData.Pydicom("CT_small.dcm")));
        Assert.NotEmpty(Directory.GetFiles(TestData.PydicomCharsetFiles, "*.dcm"));
        Assert.Equal(20, Directory.GetFiles(Path.Combine(TestData.DaikonData, "volume"), "brain_*.dcm").Length);
        Assert.True(File.Exists(TestData.Dicomscope("reportsi.dcm")));
        Assert.True(Directory.Exists(Path.Combine(TestData.NodeModules, "dcmjs")));
    }

    [Fact]
    public void Missing_file_names_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestData.Pydicom("no-such-file.dcm"));

        Assert.Contains("./mosmos test", error.Message, StringComparison.Ordinal);
    }
}
