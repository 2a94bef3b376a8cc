using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.Onnx;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Turns a model file into a <see cref="LoadedModel"/>, or refuses it with a <see cref="ModelLoadException"/>
/// naming the file. The file is read once: the bytes that were hashed are the bytes whose card is read and
/// that ONNX Runtime loads, so a file swapped between the checks cannot slip through.
/// </summary>
internal sealed class ModelLoader(OnnxSessionFactory sessions)
{
    /// <param name="expectedSha256">Digest announced by the publisher (ModelPublished); null: sidecar or registry index.</param>
    /// <exception cref="ModelLoadException">The file is unreadable, unverified, has no valid card, or ONNX Runtime rejects it.</exception>
    public LoadedModel Load(string path, string? expectedSha256 = null, Action<LoadedModel>? disposed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(file, $"cannot be read ({e.Message})", e);
        }

        var sha256 = VerifySha256(file, bytes, expectedSha256);
        var card = ReadCard(file, bytes);

        InferenceSession session;
        SessionOptions sessionOptions;
        string provider;
        try
        {
            (session, sessionOptions, provider) = sessions.Create(bytes);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(file, $"ONNX Runtime cannot load it ({e.Message})", e);
        }

        try
        {
            var model = new LoadedModel(file, sha256, card, session, sessionOptions, provider, disposed);
            CheckCardMatchesGraph(file, model);
            return model;
        }
        catch (Exception e) when (e is NotSupportedException or ModelLoadException)
        {
            session.Dispose();
            sessionOptions.Dispose();
            throw e as ModelLoadException ?? new ModelLoadException(file, e.Message, e);
        }
    }

    private static string VerifySha256(string file, byte[] bytes, string? expected)
    {
        expected ??= FindExpected(file)
            ?? throw new ModelLoadException(file, $"no SHA-256 to verify it against (expected '{Path.GetFileName(file)}{Sha256Digests.SidecarExtension}' beside it or an entry in {Sha256Digests.IndexFileName})");
        if (!Sha256Digests.IsDigest(expected))
            throw new ModelLoadException(file, $"the recorded SHA-256 '{expected}' is not 64 hex digits");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new ModelLoadException(file, $"SHA-256 mismatch: the file hashes to {actual}, expected {expected.ToLowerInvariant()}");
        return actual;
    }

    private static string? FindExpected(string file)
    {
        try
        {
            return Sha256Digests.FindExpected(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(file, $"its SHA-256 record cannot be read ({e.Message})", e);
        }
    }

    private static ModelCard ReadCard(string file, byte[] bytes)
    {
        try
        {
            return ModelCardSerializer.Parse(OnnxCardReader.ReadMetadata(bytes, ModelCard.MetadataKey));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException(file, $"not an ONNX model ({e.Message})", e);
        }
        catch (InvalidModelCardException e)
        {
            throw new ModelLoadException(file, e.Message, e);
        }
    }

    private static void CheckCardMatchesGraph(string file, LoadedModel model)
    {
        var errors = new List<string>();
        if (!model.Inputs.Any(i => i.Name == model.Card.InputName))
            errors.Add($"the card's inputName '{model.Card.InputName}' is not a graph input ({string.Join(", ", model.Inputs.Select(i => i.Name))})");
        if (!model.Outputs.Any(o => o.Name == model.Card.OutputName))
            errors.Add($"the card's outputName '{model.Card.OutputName}' is not a graph output ({string.Join(", ", model.Outputs.Select(o => o.Name))})");
        if (model.Card.AttentionOutputName is { } attention && !model.Outputs.Any(o => o.Name == attention))
            errors.Add($"the card's attentionOutputName '{attention}' is not a graph output");
        if (errors.Count > 0)
            throw new ModelLoadException(file, "invalid model card: " + string.Join("; ", errors));
    }
}
