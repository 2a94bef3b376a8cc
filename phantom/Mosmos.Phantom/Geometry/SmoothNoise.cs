using System.Numerics;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Geometry;

/// <summary>
/// Low-frequency displacement: a sum of a few plane waves with random directions and phases. Its largest value
/// is <see cref="Amplitude"/> mm and its slope stays below ~0.35, so displaced solids keep a usable distance bound
/// while no two organs of two seeds have the same outline.
/// </summary>
public sealed class SmoothNoise
{
    private const int Waves = 4;
    private readonly Vector3[] _k = new Vector3[Waves];
    private readonly float[] _phase = new float[Waves];
    private readonly float _weight;

    /// <param name="amplitudeMm">Largest displacement in mm.</param>
    /// <param name="wavelengthMm">Typical bump size in mm (each wave varies ±40 %).</param>
    public SmoothNoise(Xoshiro256 rng, float amplitudeMm, float wavelengthMm)
    {
        ArgumentNullException.ThrowIfNull(rng);
        // Keep slope amplitude·2π/λ under ~0.35 whatever the caller asks for.
        var maxAmplitude = 0.35f * wavelengthMm / (2 * MathF.PI);
        Amplitude = MathF.Min(amplitudeMm, maxAmplitude);
        for (int i = 0; i < Waves; i++)
        {
            var dir = Vector3.Normalize(new Vector3((float)rng.Normal(), (float)rng.Normal(), (float)rng.Normal()) + new Vector3(1e-3f));
            var lambda = wavelengthMm * (float)rng.Uniform(0.6, 1.4);
            _k[i] = dir * (2 * MathF.PI / lambda);
            _phase[i] = (float)rng.Uniform(0, 2 * Math.PI);
        }
        _weight = Amplitude / Waves;
    }

    public float Amplitude { get; }

    public float Evaluate(Vector3 p)
    {
        float sum = 0;
        for (int i = 0; i < Waves; i++)
            sum += MathF.Sin(Vector3.Dot(_k[i], p) + _phase[i]);
        return sum * _weight;
    }
}
