using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Seg;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model.SlidingWindow;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// The attention SEG of a MOSMOS model (issue 9): when the card names an attention output, the sliding window blends
/// its maps too, and each tag's map becomes one segment of a FRACTIONAL SEG (PROBABILITY, 0..255) on the source
/// grid — "why the model thinks this is the pancreas". A map is divided by its own maximum, cut below
/// <see cref="PipelineOptions.AttentionThreshold"/>, resampled trilinearly to the source grid and quantised; frames
/// with no attention left are not written.
/// </summary>
internal sealed partial class SegmentationPipeline
{
    private const string AttentionDescription = "MOSMOS attention maps";

    /// <summary>
    /// The card's model, with its attention output when the card has one, it is wanted (at least one of its tags) and
    /// it fits: the model is not asked for maps nobody will write.
    /// </summary>
    private SlidingWindowModel ModelFor(ModelCard card, Extent3 shape)
    {
        var model = SlidingWindowModel.WithAttention(card, Wanted);
        if (model.AttentionOutputName is null)
            return model;
        if (!Options.WriteAttention || model.KeptTagCount == 0)
            return SlidingWindowModel.FromCard(card);
        if (model.KeptTagCount * shape.Voxels > Options.MaxAttentionValues)
        {
            JobLog.AttentionSkipped(logger, $"{card.Name}@{card.Version}", model.KeptTagCount, shape.Voxels, Options.MaxAttentionValues);
            return SlidingWindowModel.FromCard(card);
        }
        return model;
    }

    private SegmentationResult? WriteAttentionSeg(AttentionMaps attention, ImageGeometry model, ImageGeometry sourceGrid, SourceSeries source,
        ModelCard card, SegmentationIdentity identity)
    {
        var segments = TagSegmentsOf(card);
        var maps = new FractionalSegmentation(source.Columns, source.Rows, source.Frames.Count);
        var bytes = new byte[maps.Columns * (long)maps.Rows * maps.Slices];
        var threshold = (float)Options.AttentionThreshold;
        for (var k = 0; k < segments.Count; k++)
        {
            if (!attention.Holds(k))
                continue;
            var map = attention.Map(k);
            Cut(map, threshold);
            var onSource = VolumeResampler.Linear(new Volume<float>(model, map), sourceGrid, 0, Options.MaxVoxels);
            attention.Release(k);
            Quantise(onSource.Data, bytes);
            maps.Add(segments[k], bytes);
            if (maps.KeptBytes > Options.MaxAttentionBytes)
            {
                JobLog.AttentionTooLarge(logger, $"{card.Name}@{card.Version}", k + 1, Options.MaxAttentionBytes);
                return null;
            }
        }
        return SegWriter.EncodeFractional(maps, source, new SegWriterOptions
        {
            Type = SegmentationType.Fractional,
            UidKey = identity.IdempotencyKey,
            Algorithm = new SegmentationAlgorithm(card.Name, card.Version),
            SeriesDescription = Describe(AttentionDescription, identity),
            SeriesNumber = 902,
            SoftwareVersions = card.Version,
            ContentLabel = "ATTENTION",
            ContentDescription = "Pixel-tag attention of the MOSMOS tag decoder",
        });
    }

    /// <summary>Whether <see cref="PipelineOptions.AttentionTags"/> (empty: all) asks for this tag's map.</summary>
    private bool Wanted(string tag) => Options.AttentionTags.Count == 0 || Options.AttentionTags.Contains(tag, StringComparer.Ordinal);

    /// <summary>value / max, and 0 below <paramref name="threshold"/>, in place; a map with no attention stays 0.</summary>
    internal static void Cut(Span<float> map, float threshold)
    {
        var max = map.IsEmpty ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(map);
        if (!(max > 0))
        {
            map.Clear();
            return;
        }
        var scale = 1 / max;
        for (var i = 0; i < map.Length; i++)
        {
            var v = map[i] * scale;
            map[i] = v >= threshold ? v : 0;
        }
    }

    /// <summary>[0, 1] → 0..255, rounded; NaN and negatives → 0.</summary>
    internal static void Quantise(ReadOnlySpan<float> values, Span<byte> bytes)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i] * 255f + 0.5f;
            bytes[i] = v >= 1 ? (byte)Math.Min(v, 255f) : (byte)0;
        }
    }

    /// <summary>One segment per tag, in the card's order: the organ's codes and colour, labelled as its attention.</summary>
    private static List<SegmentDescription> TagSegmentsOf(ModelCard card)
    {
        if (card.Tags.Count > 255)
            throw SegmentationException.Rejected(FailureReason.ModelError, $"model {card.Name} {card.Version}: {card.Tags.Count} tags; a SEG holds at most 255 segments");
        var segments = new List<SegmentDescription>(card.Tags.Count);
        for (var k = 0; k < card.Tags.Count; k++)
        {
            if (!OrganCatalog.TryGet(card.Tags[k], out var organ))
            {
                throw SegmentationException.Rejected(FailureReason.ModelError,
                    $"model {card.Name} {card.Version}: tag '{card.Tags[k]}' is not an organ of the catalog; fix the model card");
            }
            segments.Add(SegmentDescription.FromOrgan(organ, (byte)(k + 1)) with
            {
                Label = organ.DisplayName + " attention",
                Description = $"Where the tag '{organ.Id}' attends: its pixel-tag attention map divided by its maximum",
                TrackingId = organ.Id + "/attention",
            });
        }
        return segments;
    }
}
