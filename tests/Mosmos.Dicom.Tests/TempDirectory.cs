namespace Mosmos.Dicom.Tests;

/// <summary>A scratch folder removed with the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    private int _next;

    public string Path { get; } = Directory.CreateTempSubdirectory("mosmos-dicom-tests-").FullName;

    /// <summary>A fresh path in the folder, unique even for the same name.</summary>
    public string NewFile(string name) => System.IO.Path.Combine(Path, $"{_next++}-{name}");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
