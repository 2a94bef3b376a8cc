using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Part10.Fuzz;

/// <summary>The seed inputs: every file of pydicom's test_files and charset_files (all transfer syntaxes, SR, SEG, DICOMDIRs, non-DICOM files too).</summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> s_files = new(Load);

    public static IReadOnlyList<(string Name, byte[] Bytes)> Files => s_files.Value;

    private static List<(string Name, byte[] Bytes)> Load()
    {
        var files = new List<(string, byte[])>();
        foreach (var root in new[] { TestData.PydicomTestFiles, TestData.PydicomCharsetFiles })
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                files.Add((Path.GetRelativePath(root, path), File.ReadAllBytes(path)));
        }
        return files;
    }

    /// <summary>Reads every value of a parsed data set, as a consumer would: deferred values, text in its character set.</summary>
    public static void Touch(DicomDataset dataset)
    {
        foreach (var item in dataset)
        {
            switch (item)
            {
                case DicomSequence sequence:
                    foreach (var child in sequence.Items) Touch(child);
                    break;
                case DicomFragments fragments:
                    foreach (var fragment in fragments.Fragments) _ = fragment.Value;
                    break;
                case DicomElement element:
                    _ = element.Value;
                    if (element.VR.IsText) _ = dataset.GetStrings(element.Tag);
                    break;
            }
        }
    }
}
