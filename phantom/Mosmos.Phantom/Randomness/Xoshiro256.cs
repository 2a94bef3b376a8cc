namespace Mosmos.Phantom.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018), seeded through SplitMix64. Our own generator so the same seed gives
/// the same study on every runtime: <see cref="Random"/>'s algorithm is not a contract across .NET versions.
/// Not thread-safe; give each parallel task its own <see cref="Fork"/>.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>
    /// An independent stream named by <paramref name="purpose"/>, derived from this generator's state without
    /// advancing it: adding a draw to one organ never shifts the numbers another organ receives.
    /// </summary>
    public Xoshiro256 Fork(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new Xoshiro256(_s0 ^ Rotl(_s2, 17) ^ StableHash.Of(purpose));
    }

    public ulong NextUInt64()
    {
        var result = Rotl(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Rotl(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)((NextUInt64() >> 33) % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller; one value per call keeps the stream easy to reason about).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Normal with the given mean and standard deviation, clipped to mean ± 2.5 SD (no absurd patients).</summary>
    public double Normal(double mean, double sd) => mean + sd * Math.Clamp(Normal(), -2.5, 2.5);

    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(0, items.Count)];
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
}
