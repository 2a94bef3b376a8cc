namespace Mosmos.InferenceWorker.Pipeline.Offline;

/// <summary>
/// <c>segment DICOM_DIR --out DIR [--model FILE]</c> turned into host configuration keys (<c>Offline:*</c>, and the
/// model file as the registry), so the offline run is configured and validated like every other setting.
/// </summary>
internal static class OfflineCommandLine
{
    public const string Usage = "usage: Mosmos.InferenceWorker segment DICOM_DIR --out DIR [--model FILE]";

    public static string[] ToHostArgs(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new List<string> { "--ModelServer:WatchRegistry=false" };
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    host.Add($"--{OfflineOptions.SectionName}:{nameof(OfflineOptions.Output)}={Path.GetFullPath(args[++i])}");
                    break;
                case "--model" when i + 1 < args.Length:
                    var model = Path.GetFullPath(args[++i]);
                    host.Add($"--{OfflineOptions.SectionName}:{nameof(OfflineOptions.Model)}={model}");
                    host.Add($"--ModelServer:RegistryPath={model}");
                    break;
                case var value when !value.StartsWith('-'):
                    host.Add($"--{OfflineOptions.SectionName}:{nameof(OfflineOptions.Input)}={Path.GetFullPath(value)}");
                    break;
                default:
                    // Anything else (e.g. --ModelServer:IntraOpThreads=2) is host configuration.
                    host.Add(args[i]);
                    break;
            }
        }
        return host.ToArray();
    }
}
