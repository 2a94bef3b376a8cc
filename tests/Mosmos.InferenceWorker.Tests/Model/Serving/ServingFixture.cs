using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Serving;

/// <summary>One in-process model server with the tiny model, shared by the serving tests; a 1 MiB message limit.</summary>
public sealed class ServingFixture : IAsyncLifetime, IDisposable
{
    public const int MaxMessageBytes = 1 << 20;
    private readonly TempDirectory _dir = new();
    private ModelServerHost? _host;

    internal byte[] ModelBytes { get; } = TinyOnnx.Build("1", TinyOnnx.Version1);
    internal ModelServerHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", ModelBytes);
        _host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?>
        {
            ["ModelServer:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();
}
