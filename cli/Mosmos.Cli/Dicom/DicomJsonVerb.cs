using Mosmos.Dicom;

namespace Mosmos.Cli;

/// <summary>
/// <c>mosmos dicom json FILE</c>: the DICOM JSON (PS3.18 Annex F) of a Part 10 file, as dcmtk's dcm2json prints it
/// by default (data set only, binary values as InlineBinary, indented).
/// </summary>
internal static class DicomJsonVerb
{
    /// <summary>With <c>--bulk-data uri</c>, values at least this long become BulkDataURIs; shorter ones stay inline.</summary>
    public const int UriThreshold = 1024;

    public static readonly CliVerb Verb = new(
        ["dicom", "json"],
        "dicom json FILE [--bulk-data inline|uri|none] [--compact]",
        Run);

    private static int Run(string[] args, CliConsole console)
    {
        string? path = null, bulk = "inline";
        bool compact = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bulk-data" when i + 1 < args.Length: bulk = args[++i]; break;
                case "--compact": compact = true; break;
                case var a when a.StartsWith('-'): return Verb.UsageError(console, $"unknown option {a}");
                case var a when path is null: path = a; break;
                default: return Verb.UsageError(console, "one FILE only");
            }
        }
        if (path is null) return Verb.UsageError(console, "FILE is missing");
        if (bulk is not ("inline" or "uri" or "none")) return Verb.UsageError(console, $"--bulk-data takes inline, uri or none, not {bulk}");

        var fileUri = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var options = new DicomJsonWriterOptions
        {
            Indented = !compact,
            OmitBinaryValues = bulk == "none",
            BulkDataUri = bulk == "uri"
                ? c => c.Length >= UriThreshold ? fileUri + "#" + string.Join('/', c.Path.Select(t => t.ToJsonKey())) : null
                : null,
        };
        try
        {
            var file = DicomFile.Open(path);
            using var output = console.OpenOutput();
            DicomJsonWriter.Write(output, file.Dataset, options);
            output.WriteByte((byte)'\n');
            return ExitCode.Ok;
        }
        catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"dicom json: {path}: {e.Message}");
            return ExitCode.BadInput;
        }
    }
}
