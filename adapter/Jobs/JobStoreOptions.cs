using System.ComponentModel.DataAnnotations;

namespace Mosmos.Adapter.Jobs;

/// <summary>Where the job table lives (configuration section <c>JobStore</c>).</summary>
public sealed class JobStoreOptions
{
    public const string SectionName = "JobStore";

    /// <summary>A Microsoft.Data.Sqlite connection string; the file is created on first start.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=mosmos-adapter.db";
}

/// <summary>Creates the schema before the poller and the API touch the table.</summary>
public sealed class JobStoreInitializer(IJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
