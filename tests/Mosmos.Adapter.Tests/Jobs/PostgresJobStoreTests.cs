using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Jobs.PostgreSql;

namespace Mosmos.Adapter.Tests.Jobs;

/// <summary>The job-store contract on a real PostgreSQL, in a database of its own.</summary>
public sealed class PostgresJobStoreTests : JobStoreContract
{
    private string _connectionString = null!;

    protected override async Task<IJobStore> CreateStoreAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        return PostgresJobStore.Create(_connectionString, TimeProvider.System);
    }

    protected override IJobStore Reopen() => PostgresJobStore.Create(_connectionString, TimeProvider.System);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public void Configuration_selects_the_store_and_reports_a_bad_connection_string()
    {
        var options = new JobStoreOptions { Provider = JobStoreProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=x;Username=u;Password=p" };
        Assert.Empty(options.Validate(new(options)));
        Assert.IsType<PostgresJobStore>(options.CreateStore(TimeProvider.System));
        Assert.IsType<SqliteJobStore>(new JobStoreOptions().CreateStore(TimeProvider.System));

        var bad = new JobStoreOptions { Provider = JobStoreProvider.PostgreSql, ConnectionString = "Database=x;Nonsense=1", PasswordFile = "/nonexistent/pw" };
        var errors = bad.Validate(new(bad)).Select(e => e.ErrorMessage).ToList();
        Assert.Contains(errors, e => e!.Contains("not a valid PostgreSQL connection string", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("PasswordFile does not exist", StringComparison.Ordinal));
    }
}
