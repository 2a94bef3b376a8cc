namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Which files of a registry directory are models. Flat (<c>models/*.onnx</c>) and the trainer's published layout
/// (<c>models/NAME/VERSION/model.onnx</c>, trainer/Registry) are both read. A folder whose name ends in
/// <c>.tmp</c> is a publish in progress (the trainer writes <c>VERSION.tmp</c> and renames it) and is skipped.
/// Files are ordered so that when one name has several versions the highest is loaded last and serves:
/// digit runs compare as numbers, so <c>1.10.0</c> comes after <c>1.9.0</c>.
/// </summary>
internal static class RegistryLayout
{
    public const string ModelExtension = ".onnx";
    private const string InProgressSuffix = ".tmp";

    /// <summary>The model files under <paramref name="directory"/>, any depth, in load order.</summary>
    public static string[] ModelFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        return Directory.EnumerateFiles(root, "*" + ModelExtension, SearchOption.AllDirectories)
            .Where(f => !InProgress(root, f))
            .Order(NaturalPathComparer.Instance)
            .ToArray();
    }

    public static bool IsModelFile(string path) => path.EndsWith(ModelExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a folder between <paramref name="root"/> and <paramref name="path"/> (or the path itself) is a publish in progress.</summary>
    public static bool InProgress(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.Split(Path.DirectorySeparatorChar).Any(s => s.EndsWith(InProgressSuffix, StringComparison.Ordinal));
    }

    /// <summary>Ordinal, except that runs of ASCII digits compare by value (then by length, so <c>01</c> ≠ <c>1</c>).</summary>
    internal sealed class NaturalPathComparer : IComparer<string>
    {
        public static readonly NaturalPathComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
                return x is null ? (y is null ? 0 : -1) : 1;
            int i = 0, j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
                {
                    int si = i, sj = j;
                    while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                    while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                    var a = x.AsSpan(si, i - si).TrimStart('0');
                    var b = y.AsSpan(sj, j - sj).TrimStart('0');
                    int byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                    if (byValue != 0)
                        return byValue;
                    int byLength = (i - si).CompareTo(j - sj);
                    if (byLength != 0)
                        return byLength;
                    continue;
                }
                if (x[i] != y[j])
                    return x[i].CompareTo(y[j]);
                i++;
                j++;
            }
            return (x.Length - i).CompareTo(y.Length - j);
        }
    }
}
