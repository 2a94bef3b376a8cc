namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>The label map [z, y, x] (label = class index) and, when the model was asked for them, its attention maps.</summary>
internal sealed record SlidingWindowResult(byte[] Labels, AttentionMaps? Attention);
