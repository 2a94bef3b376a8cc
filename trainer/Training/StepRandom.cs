namespace Mosmos.Trainer.Training;

/// <summary>
/// Counter-based randomness: everything random in training step k comes from (seed, k, stream), so the
/// whole RNG state of a run is its seed and step, a resumed run draws exactly what the uninterrupted run
/// would have drawn, and no generator object has to be serialised. SplitMix64 (Steele et al., 2014).
/// </summary>
public sealed class StepRandom
{
    private ulong _state;

    public StepRandom(long seed, long step, int stream)
    {
        _state = Mix((ulong)seed ^ Mix((ulong)step + 0x9E3779B97F4A7C15UL * (ulong)(stream + 1)));
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)(NextUInt64() % (ulong)n);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A seed for a torch generator (noise tensors).</summary>
    public long NextSeed() => (long)(NextUInt64() >> 1);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
