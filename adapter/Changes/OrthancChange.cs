namespace Mosmos.Adapter.Changes;

/// <summary>One entry of Orthanc's <c>/changes</c> feed: <c>Seq</c>, <c>ChangeType</c>, <c>ResourceType</c>, <c>ID</c>.</summary>
public sealed record OrthancChange(long Seq, string ChangeType, string ResourceType, string ResourceId);

/// <summary>A page of the feed. <c>Last</c> is the cursor to ask from next; <c>Done</c> means nothing newer exists yet.</summary>
/// <param name="Skipped">Entries that were malformed and left out, for logging.</param>
public sealed record ChangesPage(IReadOnlyList<OrthancChange> Changes, bool Done, long Last, int Skipped);

/// <summary>Orthanc answered, but not with a usable <c>/changes</c> document; the cursor must not move.</summary>
public sealed class ChangeFeedException : Exception
{
    public ChangeFeedException() { }
    public ChangeFeedException(string message) : base(message) { }
    public ChangeFeedException(string message, Exception innerException) : base(message, innerException) { }
}
