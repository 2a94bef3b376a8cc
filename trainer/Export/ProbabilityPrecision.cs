namespace Mosmos.Trainer.Export;

/// <summary>The element type of the exported probabilities output (the one the card's <c>outputName</c> names).</summary>
public enum ProbabilityPrecision
{
    /// <summary>float32, the network's own precision (the parity tests' reference).</summary>
    Fp32,

    /// <summary>float16: half of what a model server sends back per patch.</summary>
    Fp16,
}
