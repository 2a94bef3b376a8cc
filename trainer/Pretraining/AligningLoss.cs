using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// The pixel-tag aligning loss of MOSMOS fine-tuning (mosmos-method.md "Fine-tuning network"; the form is our
/// choice): each tag's organ mask is average-pooled to the attention grid and normalised to a distribution q over
/// space; the loss is the cross-entropy −Σ q·log a between q and the tag's attention map a (which sums to one over
/// space), i.e. KL(q‖a) + H(q). It is zero-gradient only when the attention mass lies where the organ is. Pairs
/// (sample, tag) whose organ is absent from the patch, and tags without a label class, do not count.
/// </summary>
public static class AligningLoss
{
    private const double Eps = 1e-8;

    /// <param name="attention">[B, K, d, h, w], each map summing to one over space.</param>
    /// <param name="labels">[B, D, H, W] int64 class values; D, H, W multiples of d, h, w.</param>
    /// <param name="tagClasses">For each tag, its class value in <paramref name="labels"/>, or −1 when no class is that organ.</param>
    /// <returns>Mean over counted pairs; a zero scalar (still attached to the graph) when none counts.</returns>
    public static Tensor Compute(Tensor attention, Tensor labels, IReadOnlyList<int> tagClasses)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(tagClasses);
        if (attention.shape[1] != tagClasses.Count) throw new ArgumentException($"{attention.shape[1]} attention maps for {tagClasses.Count} tags");
        long d = attention.shape[2], h = attention.shape[3], w = attention.shape[4];
        var used = Enumerable.Range(0, tagClasses.Count).Where(k => tagClasses[k] > 0).ToArray();
        if (used.Length == 0) return attention.sum() * 0;
        var classes = tensor(used.Select(k => (long)tagClasses[k]).ToArray(), device: labels.device);
        // [B, K', D, H, W] masks of the tags' organs → fraction of each attention cell covered by the organ.
        var masks = labels.unsqueeze(1).eq(classes.reshape(1, -1, 1, 1, 1)).to_type(attention.dtype);
        var cover = F.adaptive_avg_pool3d(masks, [d, h, w]).flatten(2);
        var mass = cover.sum(2);
        var target = cover / mass.clamp_min(Eps).unsqueeze(2);
        var maps = attention.index_select(1, tensor(used.Select(k => (long)k).ToArray(), device: attention.device)).flatten(2);
        var perPair = -(target * maps.clamp_min(Eps).log()).sum(2);
        var counted = mass.gt(0).to_type(attention.dtype);
        return (perPair * counted).sum() / counted.sum().clamp_min(1);
    }

    /// <summary>For each tag, the class value of the same organ id in <paramref name="classNames"/> (index = value), or −1.</summary>
    public static int[] TagClasses(IReadOnlyList<string> tags, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(classNames);
        return [.. tags.Select(t => { for (var c = 1; c < classNames.Count; c++) if (classNames[c] == t) return c; return -1; })];
    }
}
