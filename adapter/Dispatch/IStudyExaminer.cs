using Mosmos.Adapter.Selection;

namespace Mosmos.Adapter.Dispatch;

/// <summary>Lists the series of a study with the attributes the selection rules look at.</summary>
public interface IStudyExaminer
{
    Task<IReadOnlyList<SeriesCandidate>> ExamineAsync(string studyInstanceUid, CancellationToken cancellationToken);
}
