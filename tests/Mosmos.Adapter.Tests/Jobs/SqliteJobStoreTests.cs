using Mosmos.Adapter.Jobs;

namespace Mosmos.Adapter.Tests.Jobs;

/// <summary>The job-store contract on SQLite, in a temporary file.</summary>
public sealed class SqliteJobStoreTests : JobStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mosmos-jobs-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path};Pooling=False";

    protected override Task<IJobStore> CreateStoreAsync() => Task.FromResult<IJobStore>(new SqliteJobStore(ConnectionString, TimeProvider.System));

    protected override IJobStore Reopen() => new SqliteJobStore(ConnectionString, TimeProvider.System);

    public void Dispose()
    {
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(f);
    }
}
