using System.Globalization;
using Mosmos.Dicom.Web;
using Mosmos.Trainer.Harvest;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>harvest --from DICOMWEB_URL --out DIR [--reports FILE.csv|.jsonl] [--since YYYY-MM-DD] [--limit N] [--spacing MM]</c>:
/// CT series with a SEG and/or a report from a DICOMweb archive into the dataset format (<see cref="Harvester"/>).
/// Credentials come from MOSMOS__DICOMWEB__USERNAME / MOSMOS__DICOMWEB__PASSWORD (as <c>./mosmos phantom --upload</c>),
/// never from the command line.
/// </summary>
public static class HarvestCommand
{
    private const int DetailLines = 20;

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var from = a.Required("from");
        var since = a.Optional("since");
        var options = new HarvestOptions
        {
            Output = a.Required("out"),
            SourceName = "dicomweb:" + from,
            ReportsFile = a.Optional("reports"),
            Since = since is null ? null
                : DateOnly.TryParseExact(since, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new UsageException($"--since: '{since}' is not a date (YYYY-MM-DD)"),
            Limit = a.Count("limit"),
            SpacingMm = a.Number("spacing"),
        };
        a.ThrowOnUnused();
        if (!Uri.TryCreate(from, UriKind.Absolute, out var url)) throw new UsageException($"--from: '{from}' is not an absolute URL");
        var clientOptions = new DicomWebClientOptions
        {
            BaseUrl = url,
            Username = Environment.GetEnvironmentVariable("MOSMOS__DICOMWEB__USERNAME"),
            Password = Environment.GetEnvironmentVariable("MOSMOS__DICOMWEB__PASSWORD"),
        };
        try { clientOptions.EnsureValid(); }
        catch (Microsoft.Extensions.Options.OptionsValidationException e) { throw new UsageException("--from: " + e.Message); }
        using var client = new DicomWebClient(clientOptions);
        HarvestSummary summary;
        try
        {
            summary = Harvest(client, options);
        }
        catch (DicomWebException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] the archive at {from} failed: {e.Message}");
            return 1;
        }
        Print(summary, options.Output);
        return 0;
    }

    private static HarvestSummary Harvest(DicomWebClient client, HarvestOptions options)
    {
        HarvestSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("listing studies", maxValue: 1);
                var progress = new Reporter(p =>
                {
                    if (p.StudiesTotal >= 0) task.MaxValue = Math.Max(1, p.StudiesTotal);
                    task.Value = Math.Min(p.StudiesDone, task.MaxValue);
                    task.Description = Markup.Escape(p.Activity.Length > 60 ? p.Activity[..60] + "…" : p.Activity);
                });
                summary = new Harvester(client, options, progress).RunAsync().GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void Print(HarvestSummary s, string output)
    {
        AnsiConsole.MarkupLineInterpolated($"Harvest into {output}: {Harvester.Describe(s)}{(s.LimitReached ? " (stopped at --limit)" : "")}");
        if (s.Skipped.Count == 0) return;
        var table = new Table().AddColumns("skipped", "why", "count");
        foreach (var (kind, reason, count) in s.SkipCounts()) table.AddRow(Markup.Escape(kind), Markup.Escape(reason), count.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        foreach (var skip in s.Skipped.Take(DetailLines)) AnsiConsole.MarkupLineInterpolated($"  [grey]{skip.Kind}[/] {skip.Detail}");
        if (s.Skipped.Count > DetailLines) AnsiConsole.MarkupLineInterpolated($"  … and {s.Skipped.Count - DetailLines} more");
    }

    /// <summary>Reports synchronously on the harvesting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<HarvestProgress> report) : IProgress<HarvestProgress>
    {
        public void Report(HarvestProgress value) => report(value);
    }
}
