using System.Text.Json;

namespace Mosmos.Adapter.Changes;

/// <summary>
/// Parses a <c>/changes</c> answer strictly at the page level (no <c>Last</c> or <c>Done</c> → the page is refused)
/// and leniently per entry (a malformed entry is skipped and counted, never a crash).
/// </summary>
public static class ChangesParser
{
    public static ChangesPage Parse(ReadOnlySpan<byte> json, long since)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new ChangeFeedException($"/changes returned invalid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ChangeFeedException("/changes returned JSON that is not an object");
            if (!root.TryGetProperty("Last", out var lastElement) || lastElement.ValueKind != JsonValueKind.Number || !lastElement.TryGetInt64(out long last))
                throw new ChangeFeedException("/changes answer has no numeric 'Last'");
            if (!root.TryGetProperty("Done", out var doneElement) || doneElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new ChangeFeedException("/changes answer has no boolean 'Done'");
            if (last < since)
                throw new ChangeFeedException($"/changes went backwards: asked since {since}, got Last = {last} (was the database reset?)");
            var changes = new List<OrthancChange>();
            int skipped = 0;
            if (root.TryGetProperty("Changes", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in list.EnumerateArray())
                {
                    if (TryParseEntry(entry, out var change)) changes.Add(change);
                    else skipped++;
                }
            }
            else
            {
                throw new ChangeFeedException("/changes answer has no 'Changes' array");
            }
            return new ChangesPage(changes, doneElement.GetBoolean(), last, skipped);
        }
    }

    private static bool TryParseEntry(JsonElement entry, out OrthancChange change)
    {
        change = null!;
        if (entry.ValueKind != JsonValueKind.Object) return false;
        if (!entry.TryGetProperty("Seq", out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out long s)) return false;
        var type = Text(entry, "ChangeType");
        var resourceType = Text(entry, "ResourceType");
        var id = Text(entry, "ID");
        if (type is null || resourceType is null || id is null) return false;
        change = new OrthancChange(s, type, resourceType, id);
        return true;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 and <= 256 } v ? v : null;
}
