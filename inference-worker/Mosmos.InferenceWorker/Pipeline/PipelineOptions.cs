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
}
