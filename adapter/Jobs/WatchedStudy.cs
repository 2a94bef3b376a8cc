namespace Mosmos.Adapter.Jobs;

/// <summary>
/// What a polling source (QIDO-RS on a StudyDate window) remembers of one study between polls, so that overlapping
/// windows and restarts never dispatch the same content twice.
/// </summary>
/// <param name="StudyDate">StudyDate (0008,0020) as <c>YYYYMMDD</c>, the key the window is cut on; rows older than the window are forgotten.</param>
/// <param name="Fingerprint">The study's content as the archive reports it (series and instance counts).</param>
/// <param name="ChangedAt">When the fingerprint was last seen to change: the quiet period counts from here.</param>
/// <param name="DispatchedFingerprint">The fingerprint last dispatched (publishes confirmed), or null.</param>
public sealed record WatchedStudy(string StudyInstanceUid, string StudyDate, string Fingerprint, DateTimeOffset ChangedAt, string? DispatchedFingerprint)
{
    public bool IsDispatched => DispatchedFingerprint == Fingerprint;
}
