using System.Text;
using System.Text.Json;

namespace Mosmos.Demo.Tests;

/// <summary>
/// DESIGN §5: credentials and patient identifiers never appear in logs. Every text of one real demo run (script
/// output, adapter + worker logs, traces, Orthanc's and RabbitMQ's logs) is searched for the Orthanc and RabbitMQ
/// passwords, the API key (also as the Basic header's base64) and the uploaded study's patient name, ID and birth date.
/// </summary>
[Collection(DemoRunGroup.Name)]
public sealed class LogLeakTests(DemoRunFixture demo)
{
    [Fact]
    public void NoCredentialOrPatientIdentifierIsLogged()
    {
        Assert.True(demo.Run.Succeeded, $"the demo run failed, so its logs prove nothing:\n{demo.Run.StandardError}");
        var forbidden = Forbidden().ToList();
        var leaks = new List<string>();
        foreach (var (name, text) in demo.AllOutput())
        {
            foreach (var (what, value) in forbidden)
            {
                int at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                    leaks.Add($"{what} in {name}: …{text.Substring(Math.Max(0, at - 80), Math.Min(text.Length - Math.Max(0, at - 80), 160 + value.Length))}…");
            }
        }
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    /// <summary>The search is only worth something if the logs hold the run: every stage logged, under its event id.</summary>
    [Fact]
    public void TheLogsHoldTheWholeRunWithStableEventIds()
    {
        var log = File.ReadAllLines(Path.Combine(demo.State, "logs", "mosmos.log"))
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        var ids = log.Select(e => e.GetProperty("EventId").GetInt32()).ToHashSet();
        // 2001 stable study handled, 2010 job dispatched (adapter); 3000 model loaded, 3100 job started, 3101 completed (worker)
        foreach (var id in new[] { 2001, 2010, 3000, 3100, 3101 })
            Assert.Contains(id, ids);
        Assert.True(new FileInfo(Path.Combine(demo.State, "orthanc", "orthanc.log")).Length > 0, "Orthanc's log is empty");
    }

    private IEnumerable<(string What, string Value)> Forbidden()
    {
        var orthanc = demo.Secret("orthanc-password");
        var rabbit = demo.Secret("rabbitmq-password");
        var apiKey = demo.Secret("api-key");
        foreach (var (what, secret) in new[] { ("Orthanc password", orthanc), ("RabbitMQ password", rabbit), ("API key", apiKey) })
        {
            Assert.True(secret.Length >= 16, $"{what} is too short to search for");
            yield return (what, secret);
            yield return (what + " (Basic credentials, base64)", Convert.ToBase64String(Encoding.UTF8.GetBytes("mosmos:" + secret)));
        }
        var name = demo.Identity.GetProperty("patientName").GetString()!;
        var id = demo.Identity.GetProperty("patientId").GetString()!;
        var birth = demo.Identity.GetProperty("birthDate").GetString()!;
        yield return ("patient name", name);
        yield return ("patient name (as words)", name.Replace('^', ' '));
        yield return ("patient ID", id);
        yield return ("birth date", birth);
        yield return ("birth date (ISO 8601)", $"{birth[..4]}-{birth[4..6]}-{birth[6..]}");
    }
}
