using System.Numerics;

namespace AugNet;

/// <summary>
/// NumPy's legacy <c>RandomState</c> (MT19937) re-implemented bit for bit (spec Appendix A), so a seeded
/// generator reproduces Keras's parameter draws and shuffles. Each instance is its own stream: nothing is
/// process-global, so parallel work stays deterministic. Not thread-safe; give each worker its own.
/// </summary>
public sealed class NumpyRandom
{
    const int N = 624, M = 397;
    readonly uint[] _mt = new uint[N];
    int _index;

    public NumpyRandom(uint seed) => Seed(seed);

    /// <summary>Seeds from the clock and a counter, for unseeded use.</summary>
    public NumpyRandom() : this((uint)HashCode.Combine(Environment.TickCount64, Interlocked.Increment(ref s_counter), Guid.NewGuid())) { }
    static long s_counter;

    /// <summary><c>np.random.seed(s)</c>: MT19937's <c>init_genrand</c>.</summary>
    public void Seed(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    /// <summary>Seeds from a long as NumPy does, refusing values outside [0, 2^32).</summary>
    public void Seed(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(seed), seed, "Seed must be between 0 and 2**32 - 1");
        Seed((uint)seed);
    }

    /// <summary>A copy of the generator's state (NumPy's <c>get_state()</c>), to continue the stream elsewhere.</summary>
    public NumpyRandomState GetState() => new((uint[])_mt.Clone(), _index);

    /// <summary>NumPy's <c>set_state()</c>: continues from <paramref name="state"/>; the key must have 624 words, the position be in [0, 624].</summary>
    public void SetState(NumpyRandomState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Key is not { Length: N }) throw new ArgumentException($"An MT19937 state has {N} key words, not {state.Key?.Length ?? 0}.", nameof(state));
        if (state.Position is < 0 or > N) throw new ArgumentException($"An MT19937 position must be in [0, {N}], not {state.Position}.", nameof(state));
        state.Key.CopyTo(_mt, 0);
        _index = state.Position;
    }

    /// <summary>One tempered 32-bit output (genrand_int32).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        return Temper(_mt[_index++]);
    }

    void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        int k = 0;
        for (; k < N - M; k++)
        {
            uint y = (_mt[k] & upper) | (_mt[k + 1] & lower);
            _mt[k] = _mt[k + M] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0u);
        }
        for (; k < N - 1; k++)
        {
            uint y = (_mt[k] & upper) | (_mt[k + 1] & lower);
            _mt[k] = _mt[k + (M - N)] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0u);
        }
        uint last = (_mt[N - 1] & upper) | (_mt[0] & lower);
        _mt[N - 1] = _mt[M - 1] ^ (last >> 1) ^ ((last & 1) != 0 ? matrixA : 0u);
        _index = 0;
    }

    /// <summary><c>random_sample()</c>: a double in [0, 1) from 53 random bits.</summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// <paramref name="destination"/>.Length successive <see cref="RandomSample"/> values, the same stream as calling it
    /// that many times, for bulk draws such as dropout masks: the 32-bit words are copied out of the state in runs
    /// and tempered a vector at a time instead of one call per word.
    /// </summary>
    public void RandomSamples(Span<double> destination)
    {
        Span<uint> words = stackalloc uint[512];
        while (!destination.IsEmpty)
        {
            int count = Math.Min(destination.Length, words.Length / 2);
            var w = words[..(2 * count)];
            NextUInt32s(w);
            for (int i = 0; i < count; i++)
                destination[i] = ((w[2 * i] >> 5) * 67108864.0 + (w[2 * i + 1] >> 6)) / 9007199254740992.0;
            destination = destination[count..];
        }
    }

    /// <summary>Successive <see cref="NextUInt32"/> outputs: untempered words copied from the state, then tempered in place.</summary>
    void NextUInt32s(Span<uint> destination)
    {
        for (int at = 0; at < destination.Length;)
        {
            if (_index >= N) Twist();
            int run = Math.Min(N - _index, destination.Length - at);
            _mt.AsSpan(_index, run).CopyTo(destination.Slice(at, run));
            _index += run;
            at += run;
        }
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var c1 = new Vector<uint>(0x9d2c5680u);
            var c2 = new Vector<uint>(0xefc60000u);
            for (; k <= destination.Length - Vector<uint>.Count; k += Vector<uint>.Count)
            {
                var y = new Vector<uint>(destination[k..]);
                y ^= Vector.ShiftRightLogical(y, 11);
                y ^= Vector.ShiftLeft(y, 7) & c1;
                y ^= Vector.ShiftLeft(y, 15) & c2;
                y ^= Vector.ShiftRightLogical(y, 18);
                y.CopyTo(destination[k..]);
            }
        }
        for (; k < destination.Length; k++) destination[k] = Temper(destination[k]);
    }

    static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>uniform(low, high)</c> = low + (high − low)·u; low &gt; high is allowed as in NumPy.</summary>
    public double Uniform(double low, double high) => low + (high - low) * RandomSample();

    /// <summary>A uniform integer in [0, max] by masked rejection; consumes nothing when max is 0.</summary>
    public uint BoundedUInt32(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint v;
        do v = NextUInt32() & mask; while (v > max);
        return v;
    }

    /// <summary><c>randint(0, n)</c> / <c>choice(n)</c>: a uniform integer in [0, n).</summary>
    public int Next(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "a must be greater than 0 unless no samples are taken");
        return (int)BoundedUInt32((uint)(n - 1));
    }

    /// <summary><c>choice(list)</c>: one element picked uniformly by index.</summary>
    public T Choice<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary><c>permutation(n)</c>: Fisher–Yates from the top, as NumPy's legacy shuffle.</summary>
    public int[] Permutation(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i >= 1; i--)
        {
            int j = (int)BoundedUInt32((uint)i);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }
}
