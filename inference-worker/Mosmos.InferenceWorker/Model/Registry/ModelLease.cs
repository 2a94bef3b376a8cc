namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>One request's hold on a model: the session stays alive until the lease is disposed.</summary>
internal sealed class ModelLease : IDisposable
{
    private LoadedModel? _model;

    public ModelLease(LoadedModel model) => _model = model;

    public LoadedModel Model => _model ?? throw new ObjectDisposedException(nameof(ModelLease));

    public void Dispose() => Interlocked.Exchange(ref _model, null)?.Release();
}
