using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>The real validators of dicom-seg-sr.md §6.2: dciodvfy and dcentvfy (dicom3tools), pixelmed's DicomSRValidator.</summary>
internal static class Validators
{
    /// <summary>dciodvfy: exit status 0 and no "Error" line (warnings are allowed and returned).</summary>
    public static async Task<string> AssertIodValidAsync(string path)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("dciodvfy", "dicom3tools"), ["-new", path]);
        string all = result.StandardError + result.StandardOutput;
        Assert.True(result.ExitCode == 0, $"dciodvfy exited {result.ExitCode}:\n{all}");
        Assert.DoesNotContain("Error", all, StringComparison.Ordinal);
        return all;
    }

    /// <summary>dcentvfy: Patient/Study/Series attributes consistent across the files; no errors.</summary>
    public static async Task AssertEntitiesConsistentAsync(IEnumerable<string> paths)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("dcentvfy", "dicom3tools"), paths);
        string all = result.StandardError + result.StandardOutput;
        Assert.True(result.ExitCode == 0, $"dcentvfy exited {result.ExitCode}:\n{all}");
        Assert.DoesNotContain("Error", all, StringComparison.Ordinal);
    }

    /// <summary>pixelmed DicomSRValidator with template and content-item-order checks (XPath limits lifted, §6.2).</summary>
    public static async Task<string> AssertSrTemplateValidAsync(string path)
    {
        const string jar = "/usr/share/java/pixelmed.jar";
        Assert.True(File.Exists(jar), "pixelmed is missing: apt-get install -y --no-install-recommends pixelmed-apps libpixelmed-java");
        var result = await ExternalTool.RunAsync(ExternalTool.Require("java", "default-jre-headless"),
        [
            "-Xmx1g", "-Djdk.xml.xpathExprGrpLimit=0", "-Djdk.xml.xpathExprOpLimit=0", "-Djdk.xml.xpathTotalOpLimit=0",
            "-cp", jar, "com.pixelmed.validate.DicomSRValidator", "-checkcontentitemorder", "-checktemplateid", path,
        ]);
        string all = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0, $"DicomSRValidator exited {result.ExitCode}:\n{all}");
        Assert.Contains("Root Template Validation Complete", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", all, StringComparison.Ordinal);
        return all;
    }
}
