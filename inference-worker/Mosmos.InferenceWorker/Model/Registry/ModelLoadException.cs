namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>A model file was refused; the message names the file and every reason.</summary>
internal sealed class ModelLoadException : Exception
{
    public ModelLoadException(string file, string reason, Exception? inner = null)
        : base($"model file '{file}' refused: {reason}", inner)
    {
        File = file;
        Reason = reason;
    }

    public ModelLoadException() : this("", "unknown reason") { }
    public ModelLoadException(string message) : this("", message) { }
    public ModelLoadException(string message, Exception inner) : this("", message, inner) { }

    public string File { get; }
    public string Reason { get; }
}
