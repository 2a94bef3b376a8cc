using System.Text.Json;

namespace Mosmos.Contracts;

/// <summary>Reads and writes <see cref="ModelCard"/> JSON, reporting every problem at once.</summary>
public static class ModelCardSerializer
{
    public static string Serialize(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var errors = Validate(card);
        if (errors.Count > 0)
            throw new InvalidModelCardException(errors);
        return JsonSerializer.Serialize(card, ModelCardJsonContext.Default.ModelCard);
    }

    /// <exception cref="InvalidModelCardException">Not JSON, not a card, or a card with invalid fields.</exception>
    public static ModelCard Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new InvalidModelCardException(["the model has no card (metadata_props entry '" + ModelCard.MetadataKey + "' is missing or empty)"]);
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize(json, ModelCardJsonContext.Default.ModelCard);
        }
        catch (JsonException e)
        {
            throw new InvalidModelCardException([$"the model card is not valid JSON: {e.Message}"]);
        }
        if (card is null)
            throw new InvalidModelCardException(["the model card is JSON null"]);
        var errors = Validate(card);
        if (errors.Count > 0)
            throw new InvalidModelCardException(errors);
        return card;
    }

    public static IReadOnlyList<string> Validate(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var e = new List<string>();
        if (card.Format != ModelCard.CurrentFormat) e.Add($"format {card.Format} is not supported (expected {ModelCard.CurrentFormat})");
        if (string.IsNullOrWhiteSpace(card.Name)) e.Add("name is empty");
        if (string.IsNullOrWhiteSpace(card.Version)) e.Add("version is empty");
        if (string.IsNullOrWhiteSpace(card.Modality)) e.Add("modality is empty");
        if (card.Labels is null || card.Labels.Count == 0) e.Add("labels is empty");
        else
        {
            foreach (var (value, organ) in card.Labels)
            {
                if (value <= 0 || value > 255) e.Add($"label value {value} is outside 1..255");
                if (string.IsNullOrWhiteSpace(organ)) e.Add($"label {value} has no organ id");
            }
        }
        CheckTriple(e, "spacingMm", card.SpacingMm?.Select(v => v).ToArray(), v => v > 0 && v < 100 && double.IsFinite(v));
        CheckTriple(e, "patchSize", card.PatchSize?.Select(v => (double)v).ToArray(), v => v >= 1 && v <= 1024);
        if (card.Intensity is null) e.Add("intensity is missing");
        else
        {
            if (!(card.Intensity.Lower < card.Intensity.Upper)) e.Add("intensity.lower must be below intensity.upper");
            if (!(card.Intensity.Std > 0) || !double.IsFinite(card.Intensity.Std)) e.Add("intensity.std must be positive");
            if (!double.IsFinite(card.Intensity.Mean)) e.Add("intensity.mean must be finite");
        }
        if (!(card.Overlap >= 0 && card.Overlap <= 0.9)) e.Add("overlap must be within [0, 0.9]");
        if (string.IsNullOrWhiteSpace(card.InputName)) e.Add("inputName is empty");
        if (string.IsNullOrWhiteSpace(card.OutputName)) e.Add("outputName is empty");
        if (card.MinimumSlices < 1) e.Add("minimumSlices must be at least 1");
        // A card without "tags" (written before MOSMOS) reads it as null: no tags.
        var tags = card.Tags ?? [];
        if (tags.Any(string.IsNullOrWhiteSpace)) e.Add("tags has an empty organ id");
        if (tags.Distinct(StringComparer.Ordinal).Count() != tags.Count) e.Add("tags lists an organ twice");
        if (card.AttentionOutputName is not null && tags.Count == 0) e.Add("attentionOutputName needs the tags of its maps");
        if (card.AttentionOutputName is { } attention && (string.IsNullOrWhiteSpace(attention) || attention == card.OutputName))
            e.Add("attentionOutputName must name an output other than outputName");
        return e;
    }

    private static void CheckTriple(List<string> errors, string name, double[]? values, Func<double, bool> ok)
    {
        if (values is null || values.Length != 3) errors.Add($"{name} must have 3 values");
        else if (!values.All(ok)) errors.Add($"{name} has a value out of range");
    }
}

/// <summary>A model card is missing or invalid; <see cref="Errors"/> lists every problem.</summary>
public sealed class InvalidModelCardException : Exception
{
    public InvalidModelCardException(IReadOnlyList<string> errors)
        : base("invalid model card: " + string.Join("; ", errors)) => Errors = errors;

    public InvalidModelCardException() : this(["unknown error"]) { }
    public InvalidModelCardException(string message) : this([message]) { }
    public InvalidModelCardException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
