namespace Mosmos.Adapter.Jobs;

/// <summary>Life of a job. <c>Pending</c> is written before the publish and becomes <c>Queued</c> once the broker confirmed it.</summary>
public enum JobState
{
    Pending,
    Queued,
    Running,
    Completed,
    Failed,
    Superseded,
}
