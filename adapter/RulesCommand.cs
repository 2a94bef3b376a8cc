using System.Text.Json;
using Mosmos.Adapter.Api;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Selection;

namespace Mosmos.Adapter;

/// <summary>
/// <c>Mosmos.Adapter rules test STUDY_UID</c> (<c>./mosmos adapter rules test …</c>): examines a study in the archive
/// with the configured rules and prints, for every series, the rule that matched or why each rule refused it.
/// Nothing is dispatched.
/// </summary>
public static class RulesCommand
{
    public static bool IsRequested(string[] args) => args is ["rules", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["rules", "test", var studyUid, ..] || studyUid.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: ./mosmos adapter rules test STUDY_INSTANCE_UID [--config FILE] [--json]").ConfigureAwait(false);
            return 2;
        }
        var examiner = app.Services.GetRequiredService<IStudyExaminer>();
        var selector = app.Services.GetRequiredService<SeriesSelector>();
        var series = await examiner.ExamineAsync(studyUid, CancellationToken.None).ConfigureAwait(false);
        if (series.Count == 0)
        {
            await Console.Error.WriteLineAsync($"study {studyUid} has no series in the archive").ConfigureAwait(false);
            return 1;
        }
        var report = RulesReport.For(selector.Select(series));
        if (args.Contains("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
            return 0;
        }
        foreach (var line in report.Series)
        {
            var verdict = line.Selected ? $"SEGMENT with rule {line.MatchedRule}" : line.MatchedRule is null ? "skip" : $"skip (matched {line.MatchedRule})";
            Console.WriteLine($"{line.SeriesInstanceUid}  {line.Modality,-4} {line.Instances,5} instances  \"{line.SeriesDescription}\"  → {verdict}");
            foreach (var reason in line.Rejections)
                Console.WriteLine($"      {reason}");
        }
        return 0;
    }
}
