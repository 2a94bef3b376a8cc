using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// Multi-head scaled dot-product attention from primitive layers (Linear, MatMul, Softmax) so that it maps one to
/// one onto ONNX nodes (ml-stack.md §1.3: TorchSharp's native Transformer layers do not). Batch first:
/// query [N, Lq, C], memory [N, Lk, C]; a query of batch 1 broadcasts over the memory's batch.
/// </summary>
public sealed partial class MultiHeadAttention : nn.Module
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;

    public MultiHeadAttention(long dim, long heads) : base(nameof(MultiHeadAttention))
    {
        if (heads < 1 || dim % heads != 0) throw new ArgumentException($"embedding dimension {dim} is not a multiple of {heads} heads");
        Dim = dim;
        Heads = heads;
        query = nn.Linear(dim, dim);
        key = nn.Linear(dim, dim);
        value = nn.Linear(dim, dim);
        output = nn.Linear(dim, dim);
        RegisterComponents();
    }

    public long Dim { get; }

    public long Heads { get; }

    public long HeadDim => Dim / Heads;

    /// <param name="q">[N or 1, Lq, C].</param>
    /// <param name="memory">[N, Lk, C] (keys and values).</param>
    /// <param name="additiveMask">Added to the scores before the softmax, [N, 1, 1, Lk] (−∞-like at padding), or null.</param>
    /// <returns>The attended values [N, Lq, C] and the attention weights [N, heads, Lq, Lk] (each row sums to one).</returns>
    public (Tensor Output, Tensor Weights) Forward(Tensor q, Tensor memory, Tensor? additiveMask = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(memory);
        var qh = SplitHeads(query.forward(q));
        var kh = SplitHeads(key.forward(memory));
        var vh = SplitHeads(value.forward(memory));
        var scores = qh.matmul(kh.transpose(2, 3)) * (1.0 / Math.Sqrt(HeadDim));
        if (additiveMask is not null) scores = scores + additiveMask;
        var weights = nn.functional.softmax(scores, -1);
        var attended = weights.matmul(vh).transpose(1, 2);
        var merged = attended.reshape(attended.shape[0], attended.shape[1], Dim);
        return (output.forward(merged), weights);
    }

    private Tensor SplitHeads(Tensor x) => x.reshape(x.shape[0], x.shape[1], Heads, HeadDim).transpose(1, 2);
}
