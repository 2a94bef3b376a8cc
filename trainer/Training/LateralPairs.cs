namespace Mosmos.Trainer.Training;

/// <summary>
/// Finds paired organs in a label map by their catalog ids: an id whose '_'-, '-'- or '.'-separated words contain
/// "left" pairs with the same id saying "right" (kidney_left ↔ kidney_right, left-adrenal ↔ right-adrenal).
/// </summary>
public static class LateralPairs
{
    /// <summary>Class value → the value it becomes when the image is mirrored left/right.</summary>
    public static long[] SwapTable(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var table = Enumerable.Range(0, classNames.Count).Select(i => (long)i).ToArray();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < classNames.Count; i++) index[classNames[i]] = i;
        for (var i = 1; i < classNames.Count; i++)
        {
            var mirrored = Mirror(classNames[i]);
            if (mirrored is not null && index.TryGetValue(mirrored, out var other)) table[i] = other;
        }
        return table;
    }

    private static string? Mirror(string id)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(id, "([_.-])");
        var changed = false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Equals("left", StringComparison.OrdinalIgnoreCase)) { parts[i] = "right"; changed = true; }
            else if (parts[i].Equals("right", StringComparison.OrdinalIgnoreCase)) { parts[i] = "left"; changed = true; }
        }
        return changed ? string.Concat(parts) : null;
    }
}
