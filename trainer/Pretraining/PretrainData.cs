using Mosmos.Datasets;
using Mosmos.Trainer.Text;
using Mosmos.Trainer.Training;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// The image–report pairs of a dataset (every case with a report; labels are not used), tokenised, with tag
/// targets, split into training and held-out pairs. The split depends only on the case ids, not on the seed, so
/// runs with different seeds are evaluated on the same pairs.
/// </summary>
public sealed class PretrainData
{
    private PretrainData(IReadOnlyList<string> tags, List<PretrainCase> train, List<PretrainCase> validation)
    {
        Tags = tags;
        Train = train;
        Validation = validation;
    }

    /// <summary>Organ catalog ids, in tag-channel order.</summary>
    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<PretrainCase> Train { get; }

    public IReadOnlyList<PretrainCase> Validation { get; }

    /// <param name="tags">The tag list (from a checkpoint on resume), or null to take <see cref="TagsOf"/>.</param>
    /// <exception cref="DatasetFormatException">Too few pairs, or no tags.</exception>
    public static PretrainData Load(Dataset dataset, ReportTokenizer tokenizer, PretrainOptions options, IReadOnlyList<string>? tags = null,
        IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        var manifest = Path.Combine(dataset.Folder, Dataset.ManifestFileName);
        tags ??= TagsOf(dataset);
        var pairs = dataset.Cases.Where(c => c.ReportFile is not null).ToList();
        var validationCount = Math.Max(2, (int)Math.Round(pairs.Count * options.ValidationFraction));
        if (pairs.Count < validationCount + options.BatchSize)
            throw new DatasetFormatException(manifest, $"{pairs.Count} cases have a report; pre-training with batch {options.BatchSize} needs at least {validationCount + options.BatchSize}");
        var held = SplitValidation(pairs.Select(c => c.Id).ToList(), validationCount);
        var train = new List<PretrainCase>();
        var validation = new List<PretrainCase>();
        foreach (var c in pairs)
        {
            var volume = dataset.Load(c);
            var image = PretrainCase.PrepareImage(volume, options.SpacingMm, options.Size, options.Intensity);
            var ids = tokenizer.Encode(dataset.ReadReport(c)!, options.MaxTokens);
            var (targets, known) = PretrainCase.TagTargets(c.Tags, tags, options.TagTargets);
            var tokens = PretrainCase.Pad(ids, options.MaxTokens, tokenizer.PadId);
            var pair = new PretrainCase(c.Id, image, tokens, targets, known, Sentences(tokenizer, tokens));
            (held.Contains(c.Id) ? validation : train).Add(pair);
            progress?.Report(train.Count + validation.Count);
        }
        return new PretrainData(tags, train, validation);
    }

    /// <summary>
    /// Sentence boundaries of a padded report (<see cref="PretrainAugmenter.SentenceBoundaries"/>): a sentence ends at
    /// a "." that is not a decimal point ("7.19 mm" stays whole). Empty when the vocabulary has no ".".
    /// </summary>
    public static int[] Sentences(ReportTokenizer tokenizer, long[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(tokens);
        var period = tokenizer.Encode(".", 3)[1];
        if (period == tokenizer.UnknownId || period == tokenizer.SepId) return [];
        return PretrainAugmenter.SentenceBoundaries(tokens, i => tokens[i] == period
            && !(i + 1 < tokens.Length && IsDigits(tokenizer, tokens[i - 1]) && IsDigits(tokenizer, tokens[i + 1])), tokenizer.PadId);
    }

    private static bool IsDigits(ReportTokenizer tokenizer, long id) =>
        tokenizer.Tokens([(int)id])[0].TrimStart('#') is { Length: > 0 } piece && piece.All(char.IsAsciiDigit);

    /// <summary>
    /// The organs the reports speak about: every id that occurs in some case's tags, those in the dataset's label
    /// map first in label order, then the rest in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> TagsOf(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var stated = dataset.Cases.Where(c => c.Tags is not null).SelectMany(c => c.Tags!.Keys).ToHashSet(StringComparer.Ordinal);
        if (stated.Count == 0)
            throw new DatasetFormatException(Path.Combine(dataset.Folder, Dataset.ManifestFileName), "no case has tags; pre-training needs the report's organ tags");
        var labelled = dataset.Labels.OrderBy(l => l.Key).Select(l => l.Value).Where(stated.Contains).ToList();
        return [.. labelled, .. stated.Except(labelled).Order(StringComparer.Ordinal)];
    }

    /// <summary>The token ids of each tag's name (<c>kidney_left</c> → "kidney left"), [CLS] … [SEP].</summary>
    /// <exception cref="ArgumentException">
    /// Two tags tokenise alike (a vocabulary without the organ words makes them [UNK]): their queries would be
    /// identical and so would their attention.
    /// </exception>
    public static int[][] TagTokenIds(ReportTokenizer tokenizer, IReadOnlyList<string> tags, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(tags);
        int[][] ids = [.. tags.Select(t => tokenizer.Encode(t.Replace('_', ' '), maxTokens))];
        for (var i = 0; i < ids.Length; i++)
        for (var j = 0; j < i; j++)
        {
            if (ids[i].SequenceEqual(ids[j]))
                throw new ArgumentException($"tags '{tags[j]}' and '{tags[i]}' have the same tokens ({string.Join(' ', tokenizer.Tokens(ids[i]))}); "
                    + "use a vocabulary built from the reports (./mosmos train vocab)");
        }
        return ids;
    }

    /// <summary>A fixed-seed shuffle of the sorted ids; the first <paramref name="count"/> are held out.</summary>
    private static HashSet<string> SplitValidation(List<string> ids, int count)
    {
        var order = ids.Order(StringComparer.Ordinal).ToArray();
        var rng = new StepRandom(seed: 0x5EED, step: 0, stream: 9);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count).ToHashSet(StringComparer.Ordinal);
    }
}
