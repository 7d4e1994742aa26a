using System.Numerics;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// Counts the distinct values of a run of ints (a passage's hashed n-gram slots, or its feature indices) without
/// sorting them: an open-addressing hash table whose entries carry the number of the call that filled them, so
/// nothing is cleared between calls, sized to the run (twice its length, so it stays in the first-level cache for a
/// passage). The distinct values come out in the order they were first met. Not thread-safe: one per thread.
/// </summary>
internal sealed class DistinctCounter
{
    private struct Entry
    {
        public int Key;
        public int Call;
        public int Position;
    }

    private Entry[] _table = new Entry[1024];
    private int _call;

    /// <summary>
    /// Writes each distinct value of <paramref name="keys"/> once to <paramref name="distinct"/>, in the order first met,
    /// and how often it occurs to the same place of <paramref name="counts"/>; returns how many distinct values there are.
    /// </summary>
    public int Count(ReadOnlySpan<int> keys, Span<int> distinct, Span<float> counts)
    {
        var bits = Math.Max(4, BitOperations.Log2((uint)Math.Max(1, keys.Length)) + 2);   // 2–4 entries per key
        if (_table.Length < 1 << bits) _table = new Entry[1 << bits];
        if (++_call == int.MaxValue)
        {
            Array.Clear(_table);
            _call = 1;
        }
        var mask = (1 << bits) - 1;
        var shift = 32 - bits;
        var n = 0;
        foreach (var key in keys)
        {
            // Fibonacci hashing: the top bits of the product spread both well-mixed slots and consecutive indices.
            var i = (int)(unchecked((uint)key * 0x9E3779B1u) >> shift);
            while (true)
            {
                ref var e = ref _table[i];
                if (e.Call != _call)
                {
                    e.Key = key;
                    e.Call = _call;
                    e.Position = n;
                    distinct[n] = key;
                    counts[n++] = 1;
                    break;
                }
                if (e.Key == key)
                {
                    counts[e.Position]++;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        return n;
    }
}
