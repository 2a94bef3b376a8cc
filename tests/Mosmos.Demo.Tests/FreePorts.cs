using System.Net;
using System.Net.Sockets;

namespace Mosmos.Demo.Tests;

/// <summary>Loopback TCP ports nobody listens on now, so the test's own services never meet anyone else's.</summary>
internal static class FreePorts
{
    /// <summary>The first port of <paramref name="count"/> consecutive free ports, from a random start in 30000–59999.</summary>
    public static int Block(int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int first = Random.Shared.Next(30_000, 60_000 - count);
            if (Enumerable.Range(first, count).All(IsFree))
                return first;
        }
        throw new InvalidOperationException($"no {count} consecutive free loopback ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
