using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mosmos.Trainer.Pretraining;

/// <summary>The two pre-training losses (mosmos-method.md "Contrastive loss", "Tag decoder").</summary>
public static class PretrainLosses
{
    /// <summary>
    /// Symmetric InfoNCE (CLIP): logits = s · I·Rᵀ for L2-normalised image and report embeddings, cross-entropy of
    /// each image against all reports of the batch (its own is the target) and of each report against all images,
    /// averaged.
    /// </summary>
    /// <param name="logitScale">s = exp(learnable log-scale) = 1/τ, a scalar tensor.</param>
    public static Tensor InfoNce(Tensor images, Tensor reports, Tensor logitScale)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(logitScale);
        var logits = images.matmul(reports.t()) * logitScale;
        var targets = arange(images.shape[0], dtype: ScalarType.Int64, device: images.device);
        return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.t(), targets)) / 2;
    }

    /// <summary>
    /// Asymmetric loss (Ridnik et al., ICCV 2021) over the known entries: positives −(1−p)^γ+ · log p, negatives
    /// −p_m^γ− · log(1−p_m) with the shifted probability p_m = max(p − m, 0); mean over known entries.
    /// </summary>
    /// <param name="known">1 where the report states the tag (present/abnormal = 1, absent = 0), 0 where it is silent.</param>
    public static Tensor Asymmetric(Tensor logits, Tensor targets, Tensor known, double gammaNegative = 4, double gammaPositive = 0, double margin = 0.05)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(known);
        const double eps = 1e-8;
        var p = sigmoid(logits);
        var shifted = (p - margin).clamp_min(0);
        var positive = targets * (1 - p).pow(gammaPositive) * p.clamp_min(eps).log();
        var negative = (1 - targets) * shifted.pow(gammaNegative) * (1 - shifted).clamp_min(eps).log();
        return -((positive + negative) * known).sum() / known.sum().clamp_min(1);
    }

    /// <summary>Binary cross-entropy with logits over the known entries, mean over known entries.</summary>
    public static Tensor Bce(Tensor logits, Tensor targets, Tensor known)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(known);
        var perEntry = F.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
        return (perEntry * known).sum() / known.sum().clamp_min(1);
    }

    public static Tensor Tags(TagLossKind kind, Tensor logits, Tensor targets, Tensor known) => kind switch
    {
        TagLossKind.Asymmetric => Asymmetric(logits, targets, known),
        TagLossKind.Bce => Bce(logits, targets, known),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
