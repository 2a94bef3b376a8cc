using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>
/// Compares our DICOM JSON with dcm2json's, value for value. The only normalisations are the places where the
/// standard allows two spellings or dcmtk 3.6.7 deviates, each counted in <see cref="Normalised"/>:
/// <list type="bullet">
/// <item>numbers: equal as numbers (dcm2json prints FD with 15 significant digits where we print the shortest
/// round-trip form; FL is compared in single precision, since dcm2json prints 1.40129846e-45 where the shortest
/// float spelling is 1E-45);</item>
/// <item>InlineBinary: compared as bytes; a value of odd length (invalid, PS3.5 §7.1.1) is padded with NUL by dcmtk;</item>
/// <item>Specific Character Set inside an item: dcmtk converts the item's text to UTF-8 but leaves its term; we
/// declare ISO_IR 192 (the JSON is UTF-8, PS3.18 F.2);</item>
/// <item>text dcmtk left unconverted (an item with its own ISO 2022 set: invalid UTF-8 or raw escapes in its output):
/// ours must be decoded (non-empty) — compared as ASCII without the escape sequences.</item>
/// </list>
/// </summary>
internal sealed class JsonAgreement
{
    private readonly List<string> _differences = [];

    public Dictionary<string, int> Normalised { get; } = [];

    public IReadOnlyList<string> Differences => _differences;

    public void Compare(JsonNode? ours, JsonNode? theirs, string path = "", string? vr = null, bool nested = false)
    {
        switch (ours, theirs)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!a.ContainsKey(key)) { Differ($"{path}{key}: missing in ours, dcmtk has {Short(b[key])}"); continue; }
                    if (!b.ContainsKey(key)) { Differ($"{path}{key}: missing in dcmtk, ours has {Short(a[key])}"); continue; }
                    if (key == "InlineBinary") { CompareBinary(a[key]!, b[key]!, path); continue; }
                    if (key == "00080005" && nested) { Count("item Specific Character Set"); continue; }
                    var childVR = a[key] is JsonObject attr && attr["vr"] is JsonValue v ? v.GetValue<string>() : vr;
                    bool childNested = nested || key == "Value" && childVR == "SQ";
                    Compare(a[key], b[key], $"{path}{key}.", childVR, childNested);
                }
                break;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count) { Differ($"{path}: {a.Count} values in ours, {b.Count} in dcmtk"); break; }
                for (int i = 0; i < a.Count; i++) Compare(a[i], b[i], $"{path}{i}.", vr, nested);
                break;
            case (JsonValue a, JsonValue b):
                CompareValues(a, b, path, vr);
                break;
            case (null, null):
                break;
            default:
                Differ($"{path}: ours {Short(ours)}, dcmtk {Short(theirs)}");
                break;
        }
    }

    private void CompareValues(JsonValue a, JsonValue b, string path, string? vr)
    {
        var sa = a.ToJsonString();
        var sb = b.ToJsonString();
        if (sa == sb) return;
        if (a.TryGetValue<double>(out var da) && b.TryGetValue<double>(out var db))
        {
            bool same = vr == "FL" ? (float)da == (float)db : da == db || Math.Abs(da - db) <= 1e-15 * Math.Max(Math.Abs(da), Math.Abs(db));
            if (same) { Count(vr == "FL" ? "FL single precision" : "number spelling"); return; }
        }
        if (a.TryGetValue<string>(out var ta) && b.TryGetValue<string>(out var tb) && (tb.Contains('\uFFFD', StringComparison.Ordinal) || tb.Contains('\u001B', StringComparison.Ordinal)))
        {
            // Ours decoded the escapes (no ESC left), or, where neither side knew the set, the ASCII parts agree.
            bool decoded = ta.Length > 0 && !ta.Contains('\u001B', StringComparison.Ordinal);
            if (decoded || AsciiWithoutEscapes(ta) == AsciiWithoutEscapes(tb)) { Count("text dcmtk left unconverted"); return; }
        }
        Differ($"{path}: ours {sa}, dcmtk {sb}");
    }

    private void CompareBinary(JsonNode a, JsonNode b, string path)
    {
        var ba = Convert.FromBase64String(a.GetValue<string>());
        var bb = Convert.FromBase64String(b.GetValue<string>());
        if (ba.AsSpan().SequenceEqual(bb)) return;
        if (ba.Length % 2 == 1 && bb.Length == ba.Length + 1 && bb[^1] == 0 && bb.AsSpan(0, ba.Length).SequenceEqual(ba))
        {
            Count("odd-length value padded by dcmtk");
            return;
        }
        Differ($"{path}InlineBinary: {ba.Length} bytes in ours, {bb.Length} in dcmtk, contents differ");
    }

    private static string AsciiWithoutEscapes(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s) if (c is >= ' ' and < '\u007F') sb.Append(c);
        return sb.ToString();
    }

    private void Count(string what) => Normalised[what] = Normalised.GetValueOrDefault(what) + 1;

    private void Differ(string what)
    {
        if (_differences.Count < 20) _differences.Add(what);
    }

    private static string Short(JsonNode? node)
    {
        var s = node?.ToJsonString() ?? "null";
        return s.Length <= 80 ? s : s[..80] + "…";
    }

    public static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value}")));
}
