using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// A job that cannot finish, with its reason code (DESIGN §4) and whether trying again could help:
/// <see cref="Permanent"/> failures (bad input, an invalid model card) are reported at once and never retried.
/// The message is for a person: what is wrong and what to do, with UIDs but never patient identifiers.
/// </summary>
internal sealed class SegmentationException : Exception
{
    public SegmentationException(FailureReason reason, string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Permanent = permanent;
    }

    public SegmentationException() : this(FailureReason.Internal, "segmentation failed", permanent: false) { }

    public SegmentationException(string message) : this(FailureReason.Internal, message, permanent: false) { }

    public SegmentationException(string message, Exception innerException) : this(FailureReason.Internal, message, permanent: false, innerException) { }

    public FailureReason Reason { get; }

    public bool Permanent { get; }

    public static SegmentationException Rejected(FailureReason reason, string message) => new(reason, message, permanent: true);
}
