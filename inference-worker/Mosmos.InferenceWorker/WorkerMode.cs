namespace Mosmos.InferenceWorker;

/// <summary>
/// What this worker process does. <c>--model-server</c> makes it a model server only (no jobs, no model
/// client): the remote end for other workers, like Triton would be.
/// </summary>
internal enum WorkerMode
{
    Worker,
    ModelServerOnly,

    /// <summary><c>segment DICOM_DIR --out DIR [--model FILE]</c>: one offline segmentation of a folder, then exit.</summary>
    Segment,
}

internal static class WorkerCommandLine
{
    public const string ModelServerSwitch = "--model-server";
    public const string SegmentVerb = "segment";

    /// <summary>Takes the mode switch out of the arguments, so the host's configuration never sees it as a key.</summary>
    public static (WorkerMode Mode, string[] HostArgs) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && string.Equals(args[0], SegmentVerb, StringComparison.Ordinal))
            return (WorkerMode.Segment, Pipeline.Offline.OfflineCommandLine.ToHostArgs(args[1..]));
        var mode = args.Contains(ModelServerSwitch, StringComparer.Ordinal) ? WorkerMode.ModelServerOnly : WorkerMode.Worker;
        return (mode, args.Where(a => !string.Equals(a, ModelServerSwitch, StringComparison.Ordinal)).ToArray());
    }
}
