using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Mosmos.Demo.Tests;

/// <summary>What <c>./mosmos demo</c> promises: the study's SEG + SR, a Dice table, its timings, and nothing left running.</summary>
[Collection(DemoRunGroup.Name)]
public sealed partial class DemoRunTests(DemoRunFixture demo)
{
    [Fact]
    public void TheStudyGetsItsSegAndSrAndADiceTable()
    {
        Assert.True(demo.Run.Succeeded, $"./mosmos demo exited with {demo.Run.ExitCode}:\n{demo.Run.StandardError}\n{demo.Run.StandardOutput}");
        var output = demo.Run.StandardOutput;
        Assert.Matches(StudyLine(), output);
        var dice = DiceRows().Matches(output).ToDictionary(m => m.Groups["organ"].Value.Trim(), m => m.Groups["dice"].Value);
        Assert.True(dice.Count >= 5, $"expected a Dice row per organ of the model, got:\n{output}");
        // The largest organ is found by any model worth shipping; a SEG placed on the wrong slices or flipped would not reach this.
        Assert.True(double.Parse(dice["Liver"], CultureInfo.InvariantCulture) >= 0.5, $"liver Dice {dice["Liver"]}:\n{output}");
        Assert.Contains("Orthanc explorer  http://127.0.0.1:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingIsLeftRunning()
    {
        Assert.False(Listening(demo.OrthancHttpPort), "the demo's Orthanc still listens");
        Assert.False(Listening(demo.AmqpPort), "the demo's RabbitMQ still listens");
        Assert.False(File.Exists(Path.Combine(demo.State, "orthanc", "orthanc.pid")), "orthanc.pid is left behind");
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Study 1/1 \(seed \d+, \d+ instances uploaded in [\d.]+ s\): SEG \+ SR stored [\d.]+ s after upload")]
    private static partial Regex StudyLine();

    [GeneratedRegex(@"^  (?<organ>[A-Za-z][A-Za-z ,()-]+?)\s{2,}(?<dice>[01]\.\d{3})\s+[01]\.\d{3}\s*$", RegexOptions.Multiline)]
    private static partial Regex DiceRows();
}
