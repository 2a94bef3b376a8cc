using System.Collections.Concurrent;
using Mosmos.Testing;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>
/// A virtual host of its own keeps these tests' exchanges and queues apart from other suites on the same broker. Made
/// once per test process: every rabbitmqctl call boots an Erlang VM, seconds each on a busy machine.
/// </summary>
internal static class RabbitVirtualHost
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RabbitMqConnection>>> s_made = new(StringComparer.Ordinal);

    public static Task<RabbitMqConnection> EnsureAsync(string name) => s_made.GetOrAdd(name, n => new(() => MakeAsync(n))).Value;

    private static async Task<RabbitMqConnection> MakeAsync(string name)
    {
        var rabbit = await TestServices.GetRabbitMqAsync();
        if (rabbit.RabbitMqCtl is not { } ctl)
            throw new InvalidOperationException("the test RabbitMQ has no rabbitmqctl wrapper: run ./mosmos services up");
        // add_vhost exits 70 when the vhost exists: that is the state we want.
        var add = await ExternalTool.RunAsync(ctl, "add_vhost", name);
        if (add.ExitCode is not (0 or 70))
            throw new InvalidOperationException($"rabbitmqctl add_vhost failed: {add.StandardError}");
        var grant = await ExternalTool.RunAsync(ctl, "set_permissions", "-p", name, rabbit.User, ".*", ".*", ".*");
        if (grant.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl set_permissions failed: {grant.StandardError}");
        return rabbit with { VirtualHost = name };
    }
}
