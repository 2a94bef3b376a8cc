using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.Onnx;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// A verified model with its card and ONNX Runtime session, reference-counted: the registry holds one
/// reference while the model is current, each request holds one through a <see cref="ModelLease"/>. Replacing
/// or removing the model drops the registry's reference; the session is disposed when the last request ends,
/// so a hot reload never pulls a session from under an inference.
/// </summary>
internal sealed class LoadedModel
{
    private readonly SessionOptions _sessionOptions;
    private readonly Action<LoadedModel>? _disposed;
    private int _references = 1;

    public LoadedModel(string file, string sha256, ModelCard card, InferenceSession session, SessionOptions sessionOptions,
        string provider, Action<LoadedModel>? disposed = null)
    {
        File = file;
        Sha256 = sha256;
        Card = card;
        Session = session;
        _sessionOptions = sessionOptions;
        Provider = provider;
        _disposed = disposed;
        Inputs = TensorSignature.From(session.InputMetadata);
        Outputs = TensorSignature.From(session.OutputMetadata);
    }

    public string File { get; }
    public string Sha256 { get; }
    public ModelCard Card { get; }
    public InferenceSession Session { get; }
    public string Provider { get; }
    public IReadOnlyList<TensorSignature> Inputs { get; }
    public IReadOnlyList<TensorSignature> Outputs { get; }
    public string Name => Card.Name;
    public string Version => Card.Version;
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Adds a reference unless the model has already been released by everyone.</summary>
    public bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
                return false;
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
                return true;
        }
    }

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left != 0)
            return;
        Session.Dispose();
        _sessionOptions.Dispose();
        _disposed?.Invoke(this);
    }
}
