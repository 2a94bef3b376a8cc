using System.Text;

namespace Mosmos.Trainer.Harvest;

/// <summary>RFC 4180 records: comma-separated, fields optionally in double quotes ("" escapes a quote, line breaks allowed inside).</summary>
internal static class CsvReader
{
    /// <summary>Each record's fields and the line it starts on (1-based).</summary>
    public static IEnumerable<(IReadOnlyList<string> Fields, int Line)> Records(string path, string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, start = 1, i = 0;
        bool quoted = false, any = false;
        while (i < text.Length)
        {
            char c = text[i++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i < text.Length && text[i] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case '"':
                    throw new InvalidDataException($"{path}: line {line}: a quote inside an unquoted field (quote the whole field and double the quote)");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return (fields.ToArray(), start);
                    fields.Clear();
                    field.Clear();
                    any = false;
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (quoted) throw new InvalidDataException($"{path}: line {start}: a quoted field is not closed");
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (fields.ToArray(), start);
        }
    }
}
