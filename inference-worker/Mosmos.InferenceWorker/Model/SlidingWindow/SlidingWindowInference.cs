using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Client;

namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>
/// Segments a normalised float32 volume [z, y, x] with a patch model called through <see cref="IModelClient"/>:
/// patches on a <see cref="PatchGrid"/>, batches of <see cref="ModelServerOptions.PatchBatchSize"/> as
/// [B, 1, pz, py, px] FP32, class probabilities [B, C, pz, py, px] (FP32, or FP16 from a model exported with
/// <c>--probabilities fp16</c>: half the bytes per patch, widened row by row) accumulated with Gaussian weights
/// (<see cref="GaussianImportance"/>), argmax to a byte label map (label = class index). The weight sum is not
/// kept: it is the same for every class of a voxel, so it cannot change the argmax. One call is in flight while
/// the previous batch's response is blended, so the model never waits for the blending. Memory: the label map, an
/// accumulator of C × patch-depth × y × x floats that slides along z, one batch of patches reused for every call,
/// and two responses at most.
/// </summary>
internal sealed partial class SlidingWindowInference(IModelClient client, IOptions<ModelServerOptions> options)
{
    public async Task<SlidingWindowResult> SegmentAsync(ReadOnlyMemory<float> volume, Extent3 shape, SlidingWindowModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (shape.Z < 1 || shape.Y < 1 || shape.X < 1 || volume.Length != shape.Voxels)
            throw new ArgumentException($"volume has {volume.Length} values; shape {shape} needs {shape.Voxels}", nameof(volume));
        var patch = model.Patch;
        var state = new State(shape, patch, Math.Max(1, options.Value.PatchBatchSize))
        {
            Attention = model.AttentionOutputName is null ? null : new AttentionMaps(model.Tags, shape, patch.X, model.KeptTags),
        };
        var zs = PatchGrid.Starts(shape.Z, patch.Z, model.Overlap);
        var ys = PatchGrid.Starts(shape.Y, patch.Y, model.Overlap);
        var xs = PatchGrid.Starts(shape.X, patch.X, model.Overlap);
        using var calls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        InFlight? pending = null;

        // Sends the batch of state.Origins and, while the model runs it, blends the previous batch's response. The
        // input buffer is refilled only once the previous response is here: the server has read a unary call's
        // request whole before it answers.
        async Task SendAsync()
        {
            var previous = pending;
            var response = previous is null ? null : await previous.Response.ConfigureAwait(false);
            var origins = state.Origins.ToArray();
            state.Origins.Clear();
            pending = new InFlight(client.InferAsync(Request(volume, model, state, origins), calls.Token), origins);
            if (previous is not null)
                Blend(response!, previous.Origins, model, state);
        }

        try
        {
            foreach (var z in zs)
            {
                foreach (var y in ys)
                {
                    foreach (var x in xs)
                    {
                        state.Origins.Add(new Extent3(z, y, x));
                        if (state.Origins.Count == state.Batch)
                            await SendAsync().ConfigureAwait(false);
                    }
                }
            }
            if (state.Origins.Count > 0)
                await SendAsync().ConfigureAwait(false);
            if (pending is not null)
                Blend(await pending.Response.ConfigureAwait(false), pending.Origins, model, state);
        }
        catch when (pending is { Response.IsCompleted: false })
        {
            // A failure while a call is out: cancel it, so that a failed job leaves no model work behind, and observe its end.
            await calls.CancelAsync().ConfigureAwait(false);
            await ((Task)pending.Response).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        Finish(state, shape.Z);
        state.Attention?.Finish();
        return new SlidingWindowResult(state.Labels, state.Attention);
    }

    /// <summary>A call to the model and the patch origins of its batch.</summary>
    private sealed record InFlight(Task<ModelInferResponse> Response, Extent3[] Origins);

    private static ModelInferRequest Request(ReadOnlyMemory<float> volume, SlidingWindowModel model, State state, Extent3[] origins)
    {
        var patch = state.Patch;
        var bytes = origins.Length * state.PatchVoxels * sizeof(float);
        var floats = MemoryMarshal.Cast<byte, float>(state.Input.AsSpan(0, bytes));
        for (var b = 0; b < origins.Length; b++)
            ExtractPatch(volume.Span, state.Shape, origins[b], patch, floats.Slice(b * state.PatchVoxels, state.PatchVoxels));

        var request = new ModelInferRequest { ModelName = model.ModelName };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor
        {
            Name = model.InputName,
            Datatype = "FP32",
            Shape = { origins.Length, 1, patch.Z, patch.Y, patch.X },
        });
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = model.OutputName });
        if (model.AttentionOutputName is { } attentionName)
            request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = attentionName });
        // Sent without a copy: the buffer is not touched again until this call's response is here.
        request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(state.Input.AsMemory(0, bytes)));
        return request;
    }

    /// <summary>Adds one batch's probabilities (and attention maps) to the accumulators, in z order.</summary>
    private static void Blend(ModelInferResponse response, Extent3[] origins, SlidingWindowModel model, State state)
    {
        var count = origins.Length;
        var probabilities = ReadProbabilities(response, model, count, state, out var elementBytes);
        var patchBytes = state.Classes * state.PatchVoxels * elementBytes;
        for (var b = 0; b < count; b++)
        {
            var slice = probabilities.Slice(b * patchBytes, patchBytes);
            if (elementBytes == sizeof(float))
                Accumulate(state, origins[b], MemoryMarshal.Cast<byte, float>(slice));
            else
                Accumulate(state, origins[b], MemoryMarshal.Cast<byte, Half>(slice));
        }
        if (state.Attention is { } maps)
        {
            var attention = ReadAttention(response, model, count, state, out var grid);
            var cells = maps.Tags * (int)grid.Voxels;
            for (var b = 0; b < count; b++)
                maps.Accumulate(origins[b], state.Patch, grid, attention.Slice(b * cells, cells), state.WeightZ, state.WeightY, state.WeightX);
        }
    }

    /// <summary>The raw probabilities of the batch, checked against its shape, and their element size (4 or 2).</summary>
    private static ReadOnlySpan<byte> ReadProbabilities(ModelInferResponse response, SlidingWindowModel model, int count, State state, out int elementBytes)
    {
        var index = OutputIndex(response, model, model.OutputName);
        var output = response.Outputs[index];
        var patch = state.Patch;
        elementBytes = output.Datatype switch { "FP32" => sizeof(float), "FP16" => 2, _ => 0 };
        if (elementBytes == 0 || output.Shape.Count != 5 || output.Shape[0] != count
            || output.Shape[2] != patch.Z || output.Shape[3] != patch.Y || output.Shape[4] != patch.X)
            throw ModelError($"model '{model.ModelName}' output '{model.OutputName}' is {output.Datatype} [{string.Join(',', output.Shape)}]; expected FP32 or FP16 [{count},C,{patch.Z},{patch.Y},{patch.X}]");
        var classes = output.Shape[1];
        if (classes is < 1 or > 256 || (state.Classes != 0 && classes != state.Classes))
            throw ModelError($"model '{model.ModelName}' returned {classes} classes; expected 1..256, the same for every patch");
        state.EnsureAccumulator((int)classes);
        var raw = response.RawOutputContents[index].Span;
        if (raw.Length != (long)count * classes * state.PatchVoxels * elementBytes)
            throw ModelError($"model '{model.ModelName}' output '{model.OutputName}' has {raw.Length} bytes for {output.Datatype} [{string.Join(',', output.Shape)}]");
        return raw;
    }

    /// <summary>
    /// The batch's attention maps [count, K, d, h, w] FP32 and their grid (d, h, w), which must divide the patch: each
    /// cell stands for a whole block of patch voxels.
    /// </summary>
    private static ReadOnlySpan<float> ReadAttention(ModelInferResponse response, SlidingWindowModel model, int count, State state, out Extent3 grid)
    {
        var name = model.AttentionOutputName!;
        var index = OutputIndex(response, model, name);
        var output = response.Outputs[index];
        var patch = state.Patch;
        var shape = output.Shape;
        if (output.Datatype != "FP32" || shape.Count != 5 || shape[0] != count || shape[1] != model.Tags
            || !Divides(shape[2], patch.Z) || !Divides(shape[3], patch.Y) || !Divides(shape[4], patch.X))
            throw ModelError($"model '{model.ModelName}' attention output '{name}' is {output.Datatype} [{string.Join(',', shape)}]; expected FP32 [{count},{model.Tags},d,h,w] with d, h, w dividing the patch {patch.Z}×{patch.Y}×{patch.X}");
        grid = new Extent3((int)shape[2], (int)shape[3], (int)shape[4]);
        var raw = response.RawOutputContents[index].Span;
        if (raw.Length != (long)count * model.Tags * grid.Voxels * sizeof(float))
            throw ModelError($"model '{model.ModelName}' attention output '{name}' has {raw.Length} bytes for FP32 [{string.Join(',', shape)}]");
        return MemoryMarshal.Cast<byte, float>(raw);
    }

    private static bool Divides(long cells, int length) => cells >= 1 && cells <= length && length % cells == 0;

    private static int OutputIndex(ModelInferResponse response, SlidingWindowModel model, string name)
    {
        var index = -1;
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            if (response.Outputs[i].Name == name)
                index = i;
        }
        if (index < 0 || index >= response.RawOutputContents.Count)
            throw ModelError($"model '{model.ModelName}' returned no raw output '{name}'");
        return index;
    }

    private static RpcException ModelError(string message) => new(new Status(StatusCode.Internal, message));
}
