using System.Globalization;
using System.Text;

namespace Mosmos.Dicom.Web;

/// <summary>
/// QIDO-RS query parameters (PS3.18 §8.3.4): match keys (§8.3.4.1; wildcards, date ranges such as
/// <c>20240101-20241231</c> and UID lists are plain values), <c>fuzzymatching</c> (§8.3.4.2), <c>includefield</c>
/// (§8.3.4.3), and paging (§8.3.4.4): <see cref="PageSize"/> is the <c>limit</c> of each request, <see cref="Limit"/>
/// caps the results over all pages, <see cref="Offset"/> skips the first ones.
/// </summary>
public sealed class QidoQuery
{
    private readonly List<KeyValuePair<string, string>> _matches = [];
    private readonly List<string> _includes = [];

    /// <summary>Matches an attribute (PS3.18 §8.3.4.1). Values are sent as given.</summary>
    public QidoQuery Match(DicomTag tag, string value) => Match(tag.ToJsonKey(), value);

    /// <summary>Matches by keyword (<c>PatientID</c>), tag (<c>00100020</c>) or a dotted sequence path.</summary>
    public QidoQuery Match(string attribute, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        ArgumentNullException.ThrowIfNull(value);
        _matches.Add(new(attribute, value));
        return this;
    }

    /// <summary>Asks for attributes beyond the defaults (PS3.18 §8.3.4.3).</summary>
    public QidoQuery Include(params DicomTag[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags) _includes.Add(tag.ToJsonKey());
        return this;
    }

    public QidoQuery Include(string attribute)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        _includes.Add(attribute);
        return this;
    }

    /// <summary><c>includefield=all</c>: every available attribute.</summary>
    public QidoQuery IncludeAll()
    {
        _includes.Clear();
        _includes.Add("all");
        return this;
    }

    /// <summary>Fuzzy semantic matching of person names (PS3.18 §8.3.4.2), where the server supports it.</summary>
    public bool FuzzyMatching { get; set; }

    /// <summary>Results per request; the client's <see cref="DicomWebClientOptions.QueryPageSize"/> when null.</summary>
    public int? PageSize { get; set; }

    /// <summary>Most results over all pages; all when null.</summary>
    public int? Limit { get; set; }

    /// <summary>Results to skip before the first one returned.</summary>
    public int Offset { get; set; }

    internal string ToQueryString(int limit, int offset)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in _matches)
            Append(sb, key, value);
        if (_includes.Count > 0)
            Append(sb, "includefield", string.Join(',', _includes));
        if (FuzzyMatching)
            Append(sb, "fuzzymatching", "true");
        Append(sb, "limit", limit.ToString(CultureInfo.InvariantCulture));
        if (offset > 0)
            Append(sb, "offset", offset.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    internal void Validate()
    {
        if (PageSize is < 1) throw new ArgumentException("PageSize must be at least 1", nameof(PageSize));
        if (Limit is < 0) throw new ArgumentException("Limit must not be negative", nameof(Limit));
        if (Offset < 0) throw new ArgumentException("Offset must not be negative", nameof(Offset));
    }

    private static void Append(StringBuilder sb, string key, string value)
    {
        sb.Append(sb.Length == 0 ? '?' : '&');
        sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
    }
}
