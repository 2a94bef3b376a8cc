using Mosmos.Testing;
using Npgsql;

namespace Mosmos.Adapter.Tests.Jobs;

/// <summary>
/// The test PostgreSQL: <c>MOSMOS_POSTGRES_*</c> from the environment when they name a server, else
/// <c>./mosmos services up --only postgres</c> (a throwaway cluster on loopback in the services' state folder, stopped
/// by <c>./mosmos services down</c> and at the end of <c>./mosmos test</c>). Each user gets a database of its own.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<Task<NpgsqlConnectionStringBuilder>> s_server = new(StartAsync);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await s_server.Value;
        string name = $"mosmos_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
#pragma warning disable CA2100 // the name is generated above, never input
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = await s_server.Value;
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // the name is one CreateDatabaseAsync generated
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnectionStringBuilder> StartAsync()
    {
        Dictionary<string, string> values;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MOSMOS_POSTGRES_HOST")))
        {
            values = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => k.StartsWith("MOSMOS_POSTGRES_", StringComparison.Ordinal))
                .ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k) ?? string.Empty, StringComparer.Ordinal);
        }
        else
        {
            var result = await ExternalTool.RunAsync("bash", [RepoPaths.MosmosScript, "services", "up", "--only", "postgres"],
                new ExternalToolOptions { Timeout = TestServices.StartTimeout, WorkingDirectory = RepoPaths.Root });
            result.EnsureSuccess();
            var file = Path.Combine(TestServices.StateDirectory, "postgres", "connection.env");
            values = File.ReadLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        }
        return new NpgsqlConnectionStringBuilder
        {
            Host = values["MOSMOS_POSTGRES_HOST"],
            Port = int.Parse(values["MOSMOS_POSTGRES_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            Username = values["MOSMOS_POSTGRES_USER"],
            Password = values["MOSMOS_POSTGRES_PASSWORD"],
            Database = values["MOSMOS_POSTGRES_DATABASE"],
        };
    }
}
