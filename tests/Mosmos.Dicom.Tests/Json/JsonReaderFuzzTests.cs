using System.Text;
using Mosmos.Dicom.Tests.Part10.Fuzz;

namespace Mosmos.Dicom.Tests.Json;

/// <summary>
/// DicomJsonReader on mutated DICOM JSON (PS3.18 Annex F) of the real corpus: byte mutations and values of the wrong
/// JSON type either parse or raise <see cref="DicomFormatException"/> — nothing else, no hang, bounded memory.
/// </summary>
public sealed class JsonReaderFuzzTests
{
    /// <summary>Values of every JSON type and edge, dropped in where the document has another one.</summary>
    private static readonly string[] Replacements =
        ["null", "[]", "{}", "\"\"", "0", "-1", "1e999", "-0.0", "18446744073709551616", "true", "\"SQ\"", "\"ZZ\"", "[null]", "[{}]", "{\"vr\":\"SQ\"}", "\"\\u0000\"", "\"\\\\\""];

    [Fact]
    public void Mutated_DICOM_JSON_parses_or_throws_DicomFormatException()
    {
        var documents = JsonCorpus();
        int iterations = FuzzRun.Iterations(ciDefault: 6000) / 5;
        var failures = FuzzRun.Execute(Cases(iterations, documents), bytes =>
        {
            try
            {
                DicomJsonReader.Read(bytes);
            }
            catch (DicomFormatException)
            {
                // expected for malformed input
            }
        }, out _);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n\n" + string.Join("\n\n", failures.Take(10)));
    }

    private static List<(string Name, byte[] Bytes)> JsonCorpus()
    {
        var documents = new List<(string, byte[])>();
        foreach (var (name, bytes) in FuzzCorpus.Files)
        {
            try
            {
                // Pixel data and other bulk values are left out by size: the reader's structure is what is fuzzed.
                if (bytes.Length < 64 * 1024)
                    documents.Add((name + ".json", Encoding.UTF8.GetBytes(DicomJsonWriter.ToJson(DicomFile.Read(bytes).Dataset))));
            }
            catch (DicomFormatException)
            {
                // not every corpus file is DICOM
            }
        }
        return documents;
    }

    private static IEnumerable<FuzzRun.Case> Cases(int iterations, List<(string Name, byte[] Bytes)> documents)
    {
        for (int i = 0; i < iterations; i++)
        {
            var random = new Random(HashCode.Combine(FuzzRun.Seed, "json", i));
            var (name, bytes) = documents[random.Next(documents.Count)];
            var log = new List<string>();
            var mutated = random.Next(2) == 0
                ? new Mutator(random).Mutate(bytes, documents[random.Next(documents.Count)].Bytes, log)
                : ReplaceValue(bytes, random, log);
            yield return new FuzzRun.Case($"{name} #{i}", mutated, log);
        }
    }

    /// <summary>Replaces the JSON value after a random ':' or '[' with one of <see cref="Replacements"/>.</summary>
    private static byte[] ReplaceValue(byte[] json, Random random, List<string> log)
    {
        var text = Encoding.UTF8.GetString(json);
        int at = text.IndexOfAny([':', '['], random.Next(text.Length));
        if (at < 0) return json;
        int end = at + 1;
        // Skip one scalar token (a string, number or literal); containers keep their contents after the new value.
        if (end < text.Length && text[end] == '"')
            end = text.IndexOf('"', end + 1) is var close and >= 0 ? close + 1 : text.Length;
        else
            while (end < text.Length && text[end] is not (',' or '}' or ']' or '[' or '{')) end++;
        var value = Replacements[random.Next(Replacements.Length)];
        log.Add($"value at {at + 1} replaced by {value}");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at + 1), value, text.AsSpan(end)));
    }
}
