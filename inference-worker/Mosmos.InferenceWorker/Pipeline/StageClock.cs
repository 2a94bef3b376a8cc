using System.Diagnostics;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>Wall-clock time per pipeline stage, in the order the stages ran (SegmentationCompleted.Timings).</summary>
internal sealed class StageClock
{
    private readonly List<StageTiming> _timings = [];

    public IReadOnlyList<StageTiming> Timings => _timings;

    public T Time<T>(string stage, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Record(stage, start);
        }
    }

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Record(stage, start);
        }
    }

    private void Record(string stage, long start) =>
        _timings.Add(new StageTiming(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
}
