namespace Mosmos.Testing.Tests;

public class ExternalToolTests
{
    [Fact]
    public async Task Captures_exit_code_stdout_and_stderr()
    {
        var result = await ExternalTool.RunAsync("sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task Passes_standard_input_and_environment()
    {
        var result = await ExternalTool.RunAsync(
            "sh",
            ["-c", "cat; printf %s \"$MOSMOS_PROBE\""],
            new ExternalToolOptions { StandardInput = "in:", Environment = { ["MOSMOS_PROBE"] = "env" } });

        Assert.Equal("in:env", result.EnsureSuccess().StandardOutput);
    }

    [Fact]
    public async Task Kills_a_process_past_its_timeout()
    {
        var options = new ExternalToolOptions { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => ExternalTool.RunAsync("sleep", ["30"], options));

        Assert.Contains("sleep 30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_tools_on_path()
    {
        Assert.NotNull(ExternalTool.FindOnPath("sh"));
        Assert.Null(ExternalTool.FindOnPath("no-such-tool-mosmos"));
    }
}
