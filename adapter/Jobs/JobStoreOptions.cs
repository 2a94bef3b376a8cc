using System.ComponentModel.DataAnnotations;
using Mosmos.Adapter.Jobs.PostgreSql;

namespace Mosmos.Adapter.Jobs;

/// <summary>Where the job table lives (configuration section <c>JobStore</c>).</summary>
public sealed class JobStoreOptions : IValidatableObject
{
    public const string SectionName = "JobStore";

    /// <summary><c>Sqlite</c> (embedded default, one file) or <c>PostgreSql</c> (larger sites, several adapters).</summary>
    public JobStoreProvider Provider { get; set; } = JobStoreProvider.Sqlite;

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string (the file is created on first start) or an Npgsql one
    /// (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>; the tables are created on first start).
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=mosmos-adapter.db";

    /// <summary>A secret file holding the PostgreSQL password, used when the connection string names none.</summary>
    public string? PasswordFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
            yield return new("JobStore:Provider must be Sqlite or PostgreSql", [nameof(Provider)]);
        if (Provider == JobStoreProvider.PostgreSql)
        {
            string? problem = null;
            try
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                if (string.IsNullOrEmpty(builder.Host)) problem = "JobStore:ConnectionString names no Host for PostgreSQL";
            }
            catch (ArgumentException e)
            {
                problem = "JobStore:ConnectionString is not a valid PostgreSQL connection string: " + e.Message;
            }
            if (problem is not null) yield return new(problem, [nameof(ConnectionString)]);
            if (PasswordFile is { Length: > 0 } f && !File.Exists(f))
                yield return new("JobStore:PasswordFile does not exist", [nameof(PasswordFile)]);
        }
    }

    /// <summary>The store this configuration names; the PostgreSQL password comes from <see cref="PasswordFile"/> when given.</summary>
    public IJobStore CreateStore(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Provider != JobStoreProvider.PostgreSql)
            return new SqliteJobStore(ConnectionString, clock);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        if (string.IsNullOrEmpty(builder.Password) && PasswordFile is { Length: > 0 } f)
            builder.Password = File.ReadAllText(f).TrimEnd('\r', '\n');
        return PostgresJobStore.Create(builder.ConnectionString, clock);
    }
}

public enum JobStoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Creates the schema before the poller and the API touch the table.</summary>
public sealed class JobStoreInitializer(IJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
