namespace Mosmos.InferenceWorker.Model.Client;

/// <summary>
/// The Unix socket of the in-process model server: unique per host (several hosts may share a test process),
/// short enough for the 108-byte sun_path limit, removed when the host is disposed.
/// </summary>
internal sealed class InProcessSocket : IDisposable
{
    public InProcessSocket() =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mosmos-model-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40] + ".sock");

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A socket file left in the temp directory is harmless and unique to this host.
        }
    }
}
