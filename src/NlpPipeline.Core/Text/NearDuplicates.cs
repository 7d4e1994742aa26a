using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Near-duplicate detection for syndicated copies: the same story on another outlet with other furniture
/// around it, a changed sentence or a cut ending. Texts are compared as sets of word 4-shingles of their
/// feature form (<see cref="TextNormalizer.ForFeatures"/>: case, ё/е, quotes and dashes folded; letters and
/// digits only). Two texts are near-duplicates when their Jaccard similarity is at least
/// <see cref="MinJaccard"/>, or when one is nearly contained in the other (<see cref="MinContainment"/>) and
/// is at least half its size (a copy with a long extra block, or a teaser cut at the end). Texts under
/// <see cref="MinWords"/> words are never compared (a one-sentence change is most of a short post, and
/// templated short posts differ only in a number), so only exact content hashes match them.
/// <para>
/// Finding candidates scales with locality-sensitive hashing: a 72-value MinHash signature is cut into
/// <see cref="Bands"/> bands of <see cref="RowsPerBand"/>; each band hashes to a 64-bit key stored in an
/// index. Texts sharing any band key are candidates (a pair with Jaccard 0.5 shares one with probability
/// 0.96, a pair at 0.6 with 0.997, an unrelated pair at 0.05 with 0.003), and only candidates are compared
/// exactly. The keys depend on <see cref="Scheme"/>: changing any constant here means changing it too.
/// </para>
/// </summary>
public static class NearDuplicates
{
    public const int ShingleWords = 4;
    public const int MinWords = 50;
    public const int Bands = 24;
    public const int RowsPerBand = 3;
    public const double MinJaccard = 0.5;
    public const double MinContainment = 0.8;
    public const double MinSizeRatio = 0.5;

    /// <summary>Version of the fingerprint scheme, mixed into every band key.</summary>
    public const int Scheme = 1;

    private static readonly ulong[] Seeds = MakeSeeds(Bands * RowsPerBand);

    public static ShingleSet Shingle(string text) => ShingleFeatureText(TextNormalizer.ForFeatures(text));

    /// <summary>The shingles of a text already in <see cref="TextNormalizer.ForFeatures"/> form (when the caller needs that form anyway).</summary>
    public static ShingleSet ShingleFeatureText(string features)
    {
        // Where each word is (not a string per word), in a buffer rented for the call; the set sized once for every shingle.
        var words = ArrayPool<(int Start, int Length)>.Shared.Rent(features.Length / 2 + 1);
        var count = WordSpans(features, words);
        var hashes = new HashSet<ulong>(Math.Max(0, count - ShingleWords + 1));
        // FNV-1a over the words, separated by a space. Every shingle starts from the same state, so the state after its
        // first word is that word's alone: worked out once per word, it saves a quarter of the steps.
        var firsts = ArrayPool<ulong>.Shared.Rent(count);
        for (var i = 0; i + ShingleWords <= count; i++) firsts[i] = Fold(14695981039346656037UL, features.AsSpan(words[i].Start, words[i].Length));
        for (var i = 0; i + ShingleWords <= count; i++)
        {
            var h = firsts[i];
            for (var w = i + 1; w < i + ShingleWords; w++) h = Fold(h, features.AsSpan(words[w].Start, words[w].Length));
            hashes.Add(h);
        }
        ArrayPool<ulong>.Shared.Return(firsts);
        ArrayPool<(int Start, int Length)>.Shared.Return(words);
        return new ShingleSet(count, hashes);
    }

    /// <summary>FNV-1a from state <paramref name="h"/> over a word and the space after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong h, ReadOnlySpan<char> word)
    {
        foreach (var c in word) h = (h ^ c) * 1099511628211UL;
        return (h ^ ' ') * 1099511628211UL;
    }

    /// <summary>The <see cref="Bands"/> LSH keys of a comparable text; none for a text under <see cref="MinWords"/> words.</summary>
    public static IReadOnlyList<long> BandKeys(ShingleSet shingles)
    {
        if (!shingles.IsComparable || shingles.Hashes.Count == 0) return [];
        var signature = Vector256.IsHardwareAccelerated ? SignatureVectorized(shingles.Hashes) : Signature(shingles.Hashes);
        var keys = new long[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var k = Mix(((ulong)Scheme << 32) | (uint)b);
            for (var r = 0; r < RowsPerBand; r++) k = Mix(k ^ signature[b * RowsPerBand + r]);
            keys[b] = unchecked((long)k);
        }
        return keys;
    }

    /// <summary>Jaccard similarity and containment of the smaller set in the larger (both 0 when either is empty).</summary>
    public static (double Jaccard, double Containment, double SizeRatio) Compare(ShingleSet a, ShingleSet b)
    {
        if (a.Hashes.Count == 0 || b.Hashes.Count == 0) return (0, 0, 0);
        var (small, large) = a.Hashes.Count <= b.Hashes.Count ? (a.Hashes, b.Hashes) : (b.Hashes, a.Hashes);
        var shared = small.Count(large.Contains);
        return (shared / (double)(small.Count + large.Count - shared), shared / (double)small.Count, small.Count / (double)large.Count);
    }

    /// <summary>Whether two texts tell the same story in (nearly) the same words; false when either is too short to compare.</summary>
    public static bool AreNearDuplicates(ShingleSet a, ShingleSet b, out double jaccard)
    {
        jaccard = 0;
        if (!a.IsComparable || !b.IsComparable) return false;
        (jaccard, var containment, var ratio) = Compare(a, b);
        return jaccard >= MinJaccard || (containment >= MinContainment && ratio >= MinSizeRatio);
    }

    /// <summary>
    /// The same similarity rule without the length floor, for passages (annotation sampling, keeping stored
    /// annotations away from test passages), where short texts must be compared too; false when either has
    /// fewer than <see cref="ShingleWords"/> words.
    /// </summary>
    public static bool AreNearCopies(ShingleSet a, ShingleSet b)
    {
        var (jaccard, containment, ratio) = Compare(a, b);
        return jaccard >= MinJaccard || (containment >= MinContainment && ratio >= MinSizeRatio);
    }

    /// <summary>The runs of letters and digits of <paramref name="s"/>, as positions, into <paramref name="words"/> (room for
    /// <c>s.Length / 2 + 1</c>: a word and the character after it take two); returns how many.</summary>
    private static int WordSpans(string s, Span<(int Start, int Length)> words)
    {
        var n = 0;
        var start = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsLetterOrDigit(s[i])) { if (start < 0) start = i; continue; }
            if (start >= 0) { words[n++] = (start, i - start); start = -1; }
        }
        if (start >= 0) words[n++] = (start, s.Length - start);
        return n;
    }

    /// <summary>The MinHash signature: for each seed, the least <see cref="Mix"/> of (shingle hash XOR seed) over the shingles.
    /// Four seeds at a time in 256-bit vectors, the same arithmetic lane by lane, so the values are the scalar ones bit for bit
    /// (<see cref="Signature"/>; a test compares the two). This is most of the cost of preparing a text for storing.</summary>
    internal static ulong[] SignatureVectorized(IReadOnlySet<ulong> hashes)
    {
        const int lanes = 4;
        var groups = Seeds.Length / lanes;
        Span<Vector256<ulong>> minima = stackalloc Vector256<ulong>[Bands * RowsPerBand / lanes];
        Span<Vector256<ulong>> seeds = stackalloc Vector256<ulong>[Bands * RowsPerBand / lanes];
        for (var g = 0; g < groups; g++)
        {
            minima[g] = Vector256<ulong>.AllBitsSet;
            seeds[g] = Vector256.Create(Seeds[g * lanes], Seeds[g * lanes + 1], Seeds[g * lanes + 2], Seeds[g * lanes + 3]);
        }
        var m1 = Vector256.Create(Hash64.MixMultiplier1);
        var m2 = Vector256.Create(Hash64.MixMultiplier2);
        void Lower(ulong h, Span<Vector256<ulong>> minima, ReadOnlySpan<Vector256<ulong>> seeds)
        {
            var hv = Vector256.Create(h);
            for (var g = 0; g < minima.Length; g++)
            {
                var z = hv ^ seeds[g];
                z = (z ^ (z >> 30)) * m1;
                z = (z ^ (z >> 27)) * m2;
                minima[g] = Vector256.Min(minima[g], z ^ (z >> 31));
            }
        }
        if (hashes is HashSet<ulong> set)
            foreach (var h in set) Lower(h, minima, seeds);   // the struct enumerator
        else
            foreach (var h in hashes) Lower(h, minima, seeds);
        var signature = new ulong[Seeds.Length];
        for (var g = 0; g < groups; g++) minima[g].CopyTo(signature, g * lanes);
        return signature;
    }

    /// <summary>The MinHash signature one seed at a time (where 256-bit vectors are not accelerated, and for the test).</summary>
    internal static ulong[] Signature(IReadOnlySet<ulong> hashes)
    {
        var signature = new ulong[Seeds.Length];
        Array.Fill(signature, ulong.MaxValue);
        if (hashes is HashSet<ulong> set)
            foreach (var h in set) Sign(signature, h);   // the struct enumerator
        else
            foreach (var h in hashes) Sign(signature, h);
        return signature;
    }

    /// <summary>Lowers each MinHash value of <paramref name="signature"/> to the shingle's, where smaller.</summary>
    private static void Sign(ulong[] signature, ulong h)
    {
        var seeds = Seeds;
        for (var i = 0; i < seeds.Length && i < signature.Length; i++)
        {
            var v = Mix(h ^ seeds[i]);
            if (v < signature[i]) signature[i] = v;
        }
    }

    private static ulong Mix(ulong z) => Hash64.Mix(z);

    private static ulong[] MakeSeeds(int n)
    {
        var seeds = new ulong[n];
        var state = 0x4E4C_5050_5348_4E47UL;   // "NLPPSHNG": fixed, so stored keys stay valid across runs
        for (var i = 0; i < n; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }
        return seeds;
    }
}
