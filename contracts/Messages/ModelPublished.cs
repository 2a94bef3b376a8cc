namespace Mosmos.Contracts;

/// <summary>A new model is in the registry; workers hot-reload it.</summary>
/// <param name="Location">Registry path or URL of the ONNX file.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the ONNX file; workers verify it before loading.</param>
public sealed record ModelPublished(string Name, string Version, string Location, string Sha256, DateTimeOffset PublishedAt);
