using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Selection;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Adapter.Tests.Dispatch;

/// <summary>
/// A study the archive cannot describe (its metadata larger than the client accepts, malformed, refused) must not hold
/// up the feed forever: after <see cref="OrthancSourceOptions.MaxExaminationAttempts"/> failures in a row it becomes
/// one failed job with the reason and the dispatcher returns, so the poller's cursor moves past it.
/// </summary>
public sealed class UnexaminableStudyTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mosmos-unexaminable-{Guid.NewGuid():N}.db");
    private readonly ScriptedExaminer _examiner = new();
    private SqliteJobStore _store = null!;
    private IBusControl _bus = null!;
    private StudyDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteJobStore($"Data Source={_database};Pooling=False", TimeProvider.System);
        await _store.InitializeAsync(default);
        // No study here has a series to publish: the bus is only there to be handed over.
        _bus = MassTransit.Bus.Factory.CreateUsingInMemory(_ => { });
        var rule = new SelectionRule { Name = "ct", Model = "mosmos-abdomen@test" };
        rule.Modalities.Add("CT");
        var selection = new SelectionOptions();
        selection.Rules.Add(rule);
        _dispatcher = new StudyDispatcher(_examiner, new SeriesSelector(selection), _store, _bus,
            Options.Create(new OrthancSourceOptions { Name = "archive", MaxExaminationAttempts = 3 }), NullLogger<StudyDispatcher>.Instance);
    }

    public Task DisposeAsync()
    {
        foreach (var f in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(f);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_study_failing_every_examination_becomes_one_failed_job_and_the_dispatcher_moves_on()
    {
        const string study = "2.25.1001";
        _examiner.Fail(study, () => new DicomWebException("WADO-RS metadata: the response exceeds the limit of 1024 bytes") { IsTooLarge = true });

        for (var attempt = 1; attempt < 3; attempt++)
        {
            await Assert.ThrowsAsync<DicomWebException>(() => _dispatcher.DispatchAsync(study, default));
            Assert.Empty(await _store.ListAsync(new(StudyInstanceUid: study), default));
        }
        Assert.Equal(0, await _dispatcher.DispatchAsync(study, default));

        var failed = Assert.Single(await _store.ListAsync(new(StudyInstanceUid: study), default));
        Assert.Equal((JobState.Failed, "SourceUnavailable", 3, "", "archive"),
            (failed.State, failed.Reason, failed.Attempts, failed.SeriesInstanceUid, failed.SourceServer));
        Assert.Contains("could not be examined 3 times in a row", failed.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds the limit of 1024 bytes", failed.Message, StringComparison.Ordinal);

        // The same study failing again later adds no second record.
        for (var attempt = 1; attempt < 3; attempt++)
            await Assert.ThrowsAsync<DicomWebException>(() => _dispatcher.DispatchAsync(study, default));
        Assert.Equal(0, await _dispatcher.DispatchAsync(study, default));
        Assert.Single(await _store.ListAsync(new(StudyInstanceUid: study), default));
    }

    [Fact]
    public async Task Two_unexaminable_studies_keep_a_failed_job_each()
    {
        foreach (var study in new[] { "2.25.1003", "2.25.1004" })
        {
            _examiner.Fail(study, () => new DicomFormatException("malformed metadata"));
            for (var attempt = 1; attempt < 3; attempt++)
                await Assert.ThrowsAsync<DicomFormatException>(() => _dispatcher.DispatchAsync(study, default));
            Assert.Equal(0, await _dispatcher.DispatchAsync(study, default));
        }
        foreach (var study in new[] { "2.25.1003", "2.25.1004" })
            Assert.Equal(JobState.Failed, Assert.Single(await _store.ListAsync(new(StudyInstanceUid: study), default)).State);
    }

    [Fact]
    public async Task Failures_count_in_a_row_only_and_a_cancelled_examination_never_counts()
    {
        const string study = "2.25.1002";
        _examiner.Fail(study, () => new DicomFormatException("malformed metadata"));
        await Assert.ThrowsAsync<DicomFormatException>(() => _dispatcher.DispatchAsync(study, default));
        await Assert.ThrowsAsync<DicomFormatException>(() => _dispatcher.DispatchAsync(study, default));
        _examiner.Succeed(study);
        Assert.Equal(0, await _dispatcher.DispatchAsync(study, default));
        _examiner.Fail(study, () => new DicomFormatException("malformed metadata"));
        await Assert.ThrowsAsync<DicomFormatException>(() => _dispatcher.DispatchAsync(study, default));
        await Assert.ThrowsAsync<DicomFormatException>(() => _dispatcher.DispatchAsync(study, default));
        _examiner.Fail(study, () => new OperationCanceledException());
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<OperationCanceledException>(() => _dispatcher.DispatchAsync(study, default));
        Assert.Empty(await _store.ListAsync(new(StudyInstanceUid: study), default));
    }

    /// <summary>Per study: throw what it is told, or find no series.</summary>
    private sealed class ScriptedExaminer : IStudyExaminer
    {
        private readonly Dictionary<string, Func<Exception>> _failures = new(StringComparer.Ordinal);

        public void Fail(string study, Func<Exception> error) => _failures[study] = error;

        public void Succeed(string study) => _failures.Remove(study);

        public Task<IReadOnlyList<SeriesCandidate>> ExamineAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
            _failures.TryGetValue(studyInstanceUid, out var error)
                ? Task.FromException<IReadOnlyList<SeriesCandidate>>(error())
                : Task.FromResult<IReadOnlyList<SeriesCandidate>>([]);
    }
}
