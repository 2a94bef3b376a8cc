using System.Diagnostics;
using System.Globalization;
using Mosmos.Dicom.Web;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;

namespace Mosmos.Cli;

/// <summary>
/// <c>mosmos phantom --out DIR</c>: synthetic abdominal CT studies with reports (phantom/README.md). Studies
/// seed, seed+1, … go to <c>DIR/phantom-SEED/</c> (CT series, report SR, study.json) and into the dataset
/// folder <c>DIR/dataset</c>; <c>--upload URL</c> stores each study over STOW-RS (credentials from
/// MOSMOS__DICOMWEB__USERNAME and MOSMOS__DICOMWEB__PASSWORD, never from the command line).
/// </summary>
internal static class PhantomVerb
{
    public static readonly CliVerb Verb = new(
        ["phantom"],
        "phantom --out DIR [--count N] [--seed S] [--size small|full|bench|MATRIXxSLICES] [--preview] [--no-dataset] [--upload DICOMWEB_URL]",
        Run);

    private static int Run(string[] args, CliConsole console)
    {
        string? output = null, upload = null;
        int count = 1;
        ulong seed = 1;
        var size = PhantomSize.Small;
        bool preview = false, dataset = true;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--out": output = Next(); break;
                    case "--count": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--size": size = PhantomSize.Parse(Next()); break;
                    case "--preview": preview = true; break;
                    case "--no-dataset": dataset = false; break;
                    case "--upload": upload = Next(); break;
                    default: return Verb.UsageError(console, $"unknown argument {args[i]}");
                }
            }
        }
        catch (FormatException e)
        {
            return Verb.UsageError(console, e.Message);
        }
        if (output is null) return Verb.UsageError(console, "--out DIR is missing");
        if (count is < 1 or > 100_000) return Verb.UsageError(console, "--count must be 1..100000");

        using var client = upload is null ? null : new DicomWebClient(new DicomWebClientOptions
        {
            BaseUrl = new Uri(upload),
            Username = Environment.GetEnvironmentVariable("MOSMOS__DICOMWEB__USERNAME"),
            Password = Environment.GetEnvironmentVariable("MOSMOS__DICOMWEB__PASSWORD"),
        });
        var clock = Stopwatch.StartNew();
        PhantomBatch.Run(output, seed, count, size, StudyOutputs.Default with { Dataset = dataset, Preview = preview }, (study, folder) =>
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{folder}: {study.Grid.Columns}x{study.Grid.Rows}x{study.Grid.Slices} {study.Scan.Position} {study.Scan.Phase} ({clock.Elapsed.TotalSeconds:0.0} s)");
            if (client is not null)
            {
                var files = Directory.GetFiles(Path.Combine(folder, "ct")).Concat(Directory.GetFiles(Path.Combine(folder, "sr"))).Order(StringComparer.Ordinal);
                client.StoreFilesAsync(files, study.Identity.StudyInstanceUid).GetAwaiter().GetResult().EnsureSuccess();
                line += " uploaded";
            }
            console.Error.WriteLine(line);
        });
        return ExitCode.Ok;
    }
}
