using Mosmos.Datasets;
using Mosmos.Trainer.Text;

namespace Mosmos.Trainer.Tests.Pretraining;

/// <summary>
/// Image–report pairs for the pre-training tests: <see cref="TinyData"/> volumes with a report and its tags. Every
/// third case (c % 3 == 1) had a left nephrectomy: its left kidney is gone from image and labels, and the report
/// says so (tag absent); the spleen is stated in every other case only, so some tags are unknown.
/// </summary>
internal static class TinyPairs
{
    /// <summary>The words of the reports and tag names, after the special tokens (a test vocabulary, not a tokenizer).</summary>
    private static readonly string[] Words =
        ["the", "spleen", "is", "normal", "left", "right", "kidney", "kidneys", "are", "unremarkable", "status", "post", "nephrectomy", "no", "splenomegaly", "."];

    public static string WriteVocabulary(string path)
    {
        File.WriteAllLines(path, [.. ReportTokenizer.SpecialTokens, .. Words]);
        return path;
    }

    /// <param name="labelled">How many of the first cases keep their label maps (the rest are report-only).</param>
    public static Dataset Write(string folder, int cases, int labelled)
    {
        var writer = DatasetWriter.Open(folder, TinyData.Labels);
        for (var c = 0; c < cases; c++)
        {
            var (image, labels) = TinyData.Volume(c);
            var nephrectomy = c % 3 == 1;
            if (nephrectomy)
            {
                for (var i = 0; i < labels.Length; i++)
                {
                    if (labels[i] != 1) continue;
                    labels[i] = 0;
                    image[i] = (short)(-80 + (i * 7919 % 41) - 20);
                }
            }
            var tags = new Dictionary<string, OrganTag>
            {
                ["kidney_left"] = nephrectomy ? OrganTag.Absent : OrganTag.Present,
                ["kidney_right"] = OrganTag.Present,
            };
            var report = nephrectomy ? "Status post left nephrectomy. The right kidney is normal." : "The kidneys are unremarkable.";
            if (c % 2 == 0)
            {
                tags["spleen"] = OrganTag.Present;
                report += " No splenomegaly.";
            }
            writer.Add(new DatasetCase
            {
                Id = $"pair-{c:D2}",
                ImageFile = "set-by-writer",
                Size = [TinyData.Edge, TinyData.Edge, TinyData.Edge],
                SpacingMm = [1, 1, 1],
                DirectionAndOrigin = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
                Modality = "CT",
                Source = "test:pairs",
                Tags = tags,
            }, image, c < labelled ? labels : default, report);
        }
        return Dataset.Open(folder);
    }
}
