using System.ComponentModel.DataAnnotations;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>Configuration section <c>Pipeline</c>: how a series is read and checked before inference.</summary>
internal sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Instances whose frames are fetched at the same time (WADO-RS requests in flight).</summary>
    [Range(1, 64)]
    public int FrameParallelism { get; set; } = 4;

    /// <summary>Largest relative deviation of a slice gap from the median gap (0.01 = 1 %) before IrregularSpacing.</summary>
    [Range(0.0, 0.5)]
    public double SpacingTolerance { get; set; } = 0.01;

    /// <summary>Largest volume in voxels a job may build (DESIGN §5: no input may exhaust memory).</summary>
    [Range(1L, 1L << 30)]
    public long MaxVoxels { get; set; } = 1L << 28;

    /// <summary>
    /// Write a MOSMOS model's pixel-tag attention (when its card names an attention output) as a second, FRACTIONAL
    /// SEG beside the organ SEG: one segment per tag, "why the model thinks this is the pancreas".
    /// </summary>
    public bool WriteAttention { get; set; } = true;

    /// <summary>The tags (organ catalog ids) whose attention is written; empty: every tag of the card.</summary>
    public IList<string> AttentionTags { get; } = [];

    /// <summary>Attention below this fraction of a map's maximum is written as 0, so that frames with none are left out.</summary>
    [Range(0.0, 0.99)]
    public double AttentionThreshold { get; set; } = 0.2;

    /// <summary>
    /// Largest kept tags (those of <see cref="AttentionTags"/>) × model-grid voxels the attention may take (4 bytes
    /// each): beyond it the attention SEG is skipped, with a warning, and the organ SEG and SR are written as usual.
    /// </summary>
    [Range(1L, 1L << 32)]
    public long MaxAttentionValues { get; set; } = 1L << 27;

    /// <summary>Largest Pixel Data of the attention SEG (8 bits a voxel of the source grid per tag and kept frame); beyond it the attention SEG is not written, with a warning.</summary>
    [Range(1L, 1L << 31)]
    public long MaxAttentionBytes { get; set; } = 512L << 20;
}
