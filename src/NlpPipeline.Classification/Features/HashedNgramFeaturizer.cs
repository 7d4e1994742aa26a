using System.Globalization;
using Microsoft.ML.Data;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// The classifier's features, the one place training and scoring compute them: word and character n-grams of the
/// prepared text (<c>ClassifierText.Prepare</c>), each block hashed into its own space of 2^bits slots; only the slots
/// hit in at least MinCount training passages are kept (<see cref="SlotMap"/>, fitted by <see cref="Fit"/> and saved
/// with the model), numbered compactly (word slots first, then character slots); term frequency (or 1 + ln count),
/// each block L2-normalised, then the whole vector. Letters, digits, combining marks and symbols (emoji) are kept,
/// every other character (punctuation, spaces) separates words; character n-grams run over the words joined by
/// single spaces, with a space at each end, so they see word starts and ends. N-grams are hashed over the
/// characters in place (FNV-1a, extended one character at a time for the longer n-grams, then Murmur3's
/// finaliser), so no n-gram string is ever built. Thread-safe: scratch buffers are per thread.
/// <para>
/// Version 2 adds the passage's source kind (<see cref="HashedNgramOptions.SourceKind"/>) after the text's features,
/// which stay exactly as in version 1: a block of word unigrams conjoined with the kind (each unigram's hash mixed with a
/// per-kind seed; kept slots as for the other blocks; L2-normalised to 1/√2, the weight each text block has in the
/// normalised text vector; empty when the kind is unknown), then one bias slot per kind (news, social, unknown) with
/// value 1. The text part is not renormalised, so a passage of unknown kind has the same text features as a known one.
/// A version 1 featurizer (no kind options) ignores the kind it is given.
/// </para>
/// <para>
/// Version 3 (<see cref="HashedNgramOptions.ConceptWeight"/> above 0) puts a concept block between the character block and
/// the kind block: one slot per concept of a <see cref="ConceptLexicon"/> (every concept kept, no slot pruning), its value
/// the number of words of the text where one of the concept's terms starts (TF or 1 + ln count, as the text blocks),
/// the block L2-normalised to the concept weight. As with the kind × word block, the text's vector is not renormalised,
/// so a text with no concept has the features it has without the block, and the word and character features of every
/// text stay exactly those of versions 1 and 2.
/// </para>
/// </summary>
public sealed class HashedNgramFeaturizer
{
    public const string Name = "hashed-ngrams";

    /// <summary>
    /// The newest featurizer version this build computes. Bumped whenever the same options and slot map would give other
    /// features (normalisation, hashing, weighting). Version 1 is the text alone; version 2 adds the source-kind block;
    /// version 3 the concept block and the folding of Kazakh-only letters (either or both).
    /// </summary>
    public const int LatestVersion = 3;

    /// <summary>The version whose features these options give: 3 with concepts or Kazakh letters folded, else 2 with source-kind features, else 1.</summary>
    public static int VersionOf(HashedNgramOptions options) =>
        options.ConceptWeight > 0 || options.FoldKazakh ? 3 : options.SourceKind == SourceKindFeatures.None ? 1 : 2;

    /// <summary>The version of this featurizer's features (<see cref="VersionOf"/>).</summary>
    public int Version => VersionOf(Options);

    /// <summary>Bias slots of the kind block: news, social, unknown.</summary>
    public const int KindBiasSlots = 3;

    private static readonly float KindWordNorm = 1 / MathF.Sqrt(2);

    private const uint FnvOffset = 2166136261, FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B1, BigramSeed = 0x85EBCA77, TrigramSeed = 0x165667B1, CharSeed = 0xC2B2AE3D;

    private readonly int _shift;
    private readonly SlotIndex _wordIndex;
    private readonly SlotIndex _charIndex;
    private readonly SlotIndex? _kindWordIndex;
    private readonly int _kindBiasOffset;
    private readonly int _conceptCount;

    /// <summary>
    /// A featurizer of <paramref name="options"/> with the fitted <paramref name="slots"/>; <paramref name="concepts"/>, the
    /// lexicon of the concept block, is required when the options have one (<see cref="HashedNgramOptions.ConceptWeight"/>
    /// above 0) and ignored otherwise.
    /// </summary>
    public HashedNgramFeaturizer(HashedNgramOptions options, SlotMap slots, ConceptLexicon? concepts = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException("Invalid n-gram options: " + string.Join("; ", problems), nameof(options));
        Options = options;
        Slots = slots;
        _shift = 32 - options.Bits;
        if (options.ConceptWeight > 0)
        {
            Concepts = (concepts ?? throw new ArgumentException("Options with a concept block need a concept lexicon.", nameof(concepts)))
                .Folding(options.FoldKazakh);
            _conceptCount = concepts.Count;
        }
        _wordIndex = new SlotIndex(slots.Words, options.Dimension, 0);
        _charIndex = new SlotIndex(slots.Chars, options.Dimension, slots.Words.Count);
        if (options.SourceKind == SourceKindFeatures.None && slots.KindWords.Count > 0)
            throw new ArgumentException("A slot map with kind × word slots needs source-kind features in the options.", nameof(slots));
        if (options.SourceKind == SourceKindFeatures.Bias && slots.KindWords.Count > 0)
            throw new ArgumentException("Kind × word slots need the bias_and_words source-kind features.", nameof(slots));
        if (options.SourceKind == SourceKindFeatures.BiasAndWords)
            _kindWordIndex = new SlotIndex(slots.KindWords, options.Dimension, slots.Words.Count + slots.Chars.Count + _conceptCount);
        _kindBiasOffset = slots.Words.Count + slots.Chars.Count + _conceptCount + slots.KindWords.Count;
    }

    /// <summary>The lexicon of the concept block (version 3), saved with the model; null without one.</summary>
    public ConceptLexicon? Concepts { get; }

    public HashedNgramOptions Options { get; }

    public SlotMap Slots { get; }

    /// <summary>
    /// Length of the feature vector: the kept word slots, then the kept character slots, then (version 3) one slot per
    /// concept; with source-kind features, then the kept kind × word slots and the <see cref="KindBiasSlots"/> bias slots.
    /// </summary>
    public int Dimension => _kindBiasOffset + (Options.SourceKind == SourceKindFeatures.None ? 0 : KindBiasSlots);

    /// <summary>Length of the text's part of the vector (word, character and concept slots); the kind block's indices come after it.</summary>
    public int TextDimension => Slots.Words.Count + Slots.Chars.Count + _conceptCount;

    /// <summary>Keeps the slots of each block hit in at least <c>MinCount</c> of <paramref name="preparedTexts"/> (kind unknown).</summary>
    public static HashedNgramFeaturizer Fit(HashedNgramOptions options, IEnumerable<string> preparedTexts, ConceptLexicon? concepts = null) =>
        Fit(options, preparedTexts.Select(t => (t, (SourceKind?)null)), concepts);

    /// <summary>
    /// Keeps the slots of each block hit in at least <c>MinCount</c> of <paramref name="passages"/> (prepared text and the
    /// source kind the model is to see, null when unknown). With a concept block, <paramref name="concepts"/> is its lexicon
    /// (default: <see cref="ConceptLexicon.Default"/>, the one built into this nlp); every concept gets a slot.
    /// </summary>
    public static HashedNgramFeaturizer Fit(HashedNgramOptions options, IEnumerable<(string Prepared, SourceKind? Kind)> passages,
        ConceptLexicon? concepts = null)
    {
        if (options.ConceptWeight > 0) concepts ??= ConceptLexicon.Default;
        var hashing = new HashedNgramFeaturizer(options with { ConceptWeight = 0 }, new SlotMap([], []));
        var wordHits = new int[options.Dimension];
        var charHits = new int[options.Dimension];
        var kindWordHits = options.SourceKind == SourceKindFeatures.BiasAndWords ? new int[options.Dimension] : null;
        var s = new Scratch();
        foreach (var (text, kind) in passages)
        {
            var normal = Normalise(text, ref s.Text, options.FoldKazakh);
            var crossed = kindWordHits is not null && kind is { } k ? KindSeed(k) : (uint?)null;
            var (w, x) = options.WordMax > 0 ? hashing.WordSlots(normal, ref s.Words, crossed, ref s.KindWords) : (0, 0);
            var c = options.CharMax > 0 ? hashing.CharSlots(normal, ref s.Chars) : 0;
            // Document frequency: each distinct slot once per passage.
            Grow(ref s.Indices, Math.Max(w, c));
            Grow(ref s.Values, Math.Max(w, c));
            foreach (var slot in s.Indices.AsSpan(0, s.Counter.Count(s.Words.AsSpan(0, w), s.Indices, s.Values))) wordHits[slot]++;
            foreach (var slot in s.Indices.AsSpan(0, s.Counter.Count(s.Chars.AsSpan(0, c), s.Indices, s.Values))) charHits[slot]++;
            if (kindWordHits is not null)
                foreach (var slot in s.Indices.AsSpan(0, s.Counter.Count(s.KindWords.AsSpan(0, x), s.Indices, s.Values))) kindWordHits[slot]++;
        }
        static int[] Kept(int[] hits, int min) => Enumerable.Range(0, hits.Length).Where(i => hits[i] >= min).ToArray();
        return new HashedNgramFeaturizer(options, new SlotMap(Kept(wordHits, options.MinCount), Kept(charHits, options.MinCount),
            kindWordHits is null ? null : Kept(kindWordHits, options.MinCount)), concepts);
    }

    /// <summary>The seed a word unigram's hash is mixed with to give its kind × word slot.</summary>
    private static uint KindSeed(SourceKind kind) => kind switch
    {
        SourceKind.News => 0x3C6EF372,
        SourceKind.Social => 0xA54FF53A,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Offset of <paramref name="kind"/>'s bias slot within the kind block's bias slots.</summary>
    private static int KindBias(SourceKind? kind) => kind switch
    {
        SourceKind.News => 0,
        SourceKind.Social => 1,
        null => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Kept slot → feature index (offset + its rank among the kept slots), or -1: a bit per slot and the count of kept
    /// slots before each 64-slot word (2^20 slots: 192 KB, which stays in cache, where an index array took 4 MB).
    /// </summary>
    private sealed class SlotIndex
    {
        private readonly ulong[] _bits;
        private readonly int[] _before;
        private readonly int _offset;

        public SlotIndex(IReadOnlyList<int> kept, int size, int offset)
        {
            _bits = new ulong[(size + 63) / 64];
            _before = new int[_bits.Length];
            _offset = offset;
            foreach (var slot in kept) _bits[slot >> 6] |= 1UL << (slot & 63);
            for (int w = 0, count = 0; w < _bits.Length; w++)
            {
                _before[w] = count;
                count += System.Numerics.BitOperations.PopCount(_bits[w]);
            }
        }

        public int this[int slot]
        {
            get
            {
                var word = _bits[slot >> 6];
                var bit = 1UL << (slot & 63);
                if ((word & bit) == 0) return -1;
                return _offset + _before[slot >> 6] + System.Numerics.BitOperations.PopCount(word & (bit - 1));
            }
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public char[] Text = new char[2048];
        public int[] Words = new int[512];
        public int[] Chars = new int[8192];
        public int[] KindWords = new int[512];
        public readonly DistinctCounter Counter = new();
        public int[] Indices = new int[2048];
        public float[] Values = new float[2048];
        public long[] Packed = new long[2048];
        public readonly ConceptLexicon.Scratch Concepts = new();
    }

    /// <summary>The features of <paramref name="prepared"/> from a source of <paramref name="kind"/> (null: unknown).</summary>
    public VBuffer<float> Featurize(string prepared, SourceKind? kind)
    {
        var dst = default(VBuffer<float>);
        Featurize(prepared, kind, ref dst);
        return dst;
    }

    /// <summary>
    /// Writes the features of <paramref name="prepared"/> from a source of <paramref name="kind"/> (null: unknown; ignored
    /// by a version 1 featurizer) into <paramref name="dst"/> (indices ascending, as ML.NET requires), reusing its arrays
    /// when large enough. The features a model is trained and evaluated on.
    /// </summary>
    public void Featurize(ReadOnlySpan<char> prepared, SourceKind? kind, ref VBuffer<float> dst)
    {
        var s = t_scratch ??= new Scratch();
        var (w, c, k, x, b) = CountFeatures(prepared, kind, s);
        // Sorted before weighing, so each block's norm adds its values up in index order, as it always has.
        SortByIndex(s, 0, w);
        SortByIndex(s, w, c);
        SortByIndex(s, w + c, k);
        SortByIndex(s, w + c + k, x);
        Weigh(s, w, c, k, x);
        // Each block's indices all come before the next block's, so the blocks concatenate in order.
        var n = w + c + k + x + b;
        var editor = VBufferEditor.Create(ref dst, Math.Max(1, Dimension), n, keepOldOnResize: false, requireIndicesOnDense: true);
        s.Indices.AsSpan(0, n).CopyTo(editor.Indices);
        s.Values.AsSpan(0, n).CopyTo(editor.Values);
        dst = editor.Commit();
    }

    /// <summary>Sorts the counted features from <paramref name="start"/> by index, each packed with its count into one long (faster than sorting two spans).</summary>
    private static void SortByIndex(Scratch s, int start, int length)
    {
        Grow(ref s.Packed, length);
        var packed = s.Packed.AsSpan(0, length);
        for (var i = 0; i < length; i++) packed[i] = (long)s.Indices[start + i] << 32 | (uint)s.Values[start + i];
        packed.Sort();
        for (var i = 0; i < length; i++)
        {
            s.Indices[start + i] = (int)(packed[i] >> 32);
            s.Values[start + i] = (uint)packed[i];
        }
    }

    /// <summary>
    /// The same features as <see cref="Featurize(ReadOnlySpan{char}, ref VBuffer{float})"/>, left in the order the
    /// n-grams were met instead of sorted (the direct scorer adds them up in any order): the same indices with the same
    /// counts; a value may differ from the sorted one by float rounding only, as each block's norm adds its values up in
    /// another order. The spans are this thread's scratch, valid until its next call.
    /// </summary>
    public (ReadOnlyMemory<int> Indices, ReadOnlyMemory<float> Values) FeaturizeUnordered(ReadOnlySpan<char> prepared, SourceKind? kind)
    {
        var s = t_scratch ??= new Scratch();
        var (w, c, k, x, b) = CountFeatures(prepared, kind, s);
        Weigh(s, w, c, k, x, inOrder: false);
        return (s.Indices.AsMemory(0, w + c + k + x + b), s.Values.AsMemory(0, w + c + k + x + b));
    }

    /// <summary>
    /// The kept n-grams of each block, as distinct feature indices (word block first, each block in the order its
    /// n-grams were met) with their counts, in <c>s.Indices</c> and <c>s.Values</c>, then (version 3) the concepts hit, then
    /// (version 2) the kind × word block and the kind's bias slot; returns each block's size.
    /// </summary>
    private (int Words, int Chars, int Concepts, int KindWords, int KindBias) CountFeatures(ReadOnlySpan<char> prepared, SourceKind? kind, Scratch s)
    {
        var text = Normalise(prepared, ref s.Text, Options.FoldKazakh);
        var crossed = _kindWordIndex is not null && kind is { } k ? KindSeed(k) : (uint?)null;
        var (w, x) = Options.WordMax > 0 ? WordSlots(text, ref s.Words, crossed, ref s.KindWords) : (0, 0);
        var c = Options.CharMax > 0 ? CharSlots(text, ref s.Chars) : 0;
        Grow(ref s.Indices, w + c + _conceptCount + x + 1);
        Grow(ref s.Values, w + c + _conceptCount + x + 1);
        var words = Map(s.Words.AsSpan(0, w), _wordIndex, s, 0);
        var chars = Map(s.Chars.AsSpan(0, c), _charIndex, s, words);
        var concepts = 0;
        if (Concepts is not null)
        {
            var at = words + chars;
            concepts = Concepts.Match(text, s.Concepts, s.Indices.AsSpan(at, _conceptCount), s.Values.AsSpan(at, _conceptCount));
            var offset = Slots.Words.Count + Slots.Chars.Count;   // concept i is feature offset + i
            foreach (ref var index in s.Indices.AsSpan(at, concepts)) index += offset;
        }
        var kindWords = x > 0 ? Map(s.KindWords.AsSpan(0, x), _kindWordIndex!, s, words + chars + concepts) : 0;
        var end = words + chars + concepts + kindWords;
        if (Options.SourceKind == SourceKindFeatures.None) return (words, chars, concepts, kindWords, 0);
        s.Indices[end] = _kindBiasOffset + KindBias(kind);
        s.Values[end] = 1;
        return (words, chars, concepts, kindWords, 1);
    }

    /// <summary>Keeps the slots the model knows, as feature indices, and counts each distinct one into <c>s.Indices</c>/<c>s.Values</c> from <paramref name="at"/>; returns how many.</summary>
    private static int Map(Span<int> slots, SlotIndex index, Scratch s, int at)
    {
        var m = 0;
        foreach (var slot in slots)
        {
            var feature = index[slot];
            if (feature >= 0) slots[m++] = feature;
        }
        return s.Counter.Count(slots[..m], s.Indices.AsSpan(at), s.Values.AsSpan(at));
    }

    /// <summary>
    /// Turns the counts into term weights, normalises each block, then the whole vector. <paramref name="inOrder"/>: each
    /// norm adds the squares up one after another in index order, as the model was trained (the sorted path); otherwise
    /// (the unordered path, whose order is arbitrary anyway) in four interleaved sums, which the processor can overlap.
    /// </summary>
    private void Weigh(Scratch s, int words, int chars, int concepts, int kindWords, bool inOrder = true)
    {
        if (concepts > 0)
        {
            // The concept block: its own norm, scaled to the concept weight; the text's vector below is left as in version 1.
            var hits = s.Values.AsSpan(words + chars, concepts);
            if (Options.Sublinear)
                foreach (ref var v in hits) v = Sublinear(v);
            // One multiplication by (1/norm × weight) in either order, so the sorted and unordered paths give the same bits.
            if (Scale(SumOfSquares(hits)) is { } sk) ScaleBy(hits, sk * Options.ConceptWeight);
        }
        if (kindWords > 0)
        {
            // The kind × word block: its own norm, scaled to 1/√2; the text's vector below is left as in version 1.
            var crossed = s.Values.AsSpan(words + chars + concepts, kindWords);
            if (Options.Sublinear)
                foreach (ref var v in crossed) v = Sublinear(v);
            if (Scale(SumOfSquares(crossed)) is { } sx) ScaleBy(crossed, sx * KindWordNorm);
        }
        var values = s.Values.AsSpan(0, words + chars);
        if (Options.Sublinear)
            foreach (ref var v in values) v = Sublinear(v);
        if (inOrder)
        {
            Normalise(values[..words]);
            Normalise(values[words..]);
            Normalise(values);
        }
        else
        {
            // The whole vector's sum of squares is the sum of the two blocks' sums after they are scaled.
            var (word, character) = (Scale(SumOfSquares(values[..words])), Scale(SumOfSquares(values[words..])));
            var scaled = 0.0;
            if (word is { } sw) scaled += ScaleBy(values[..words], sw);
            if (character is { } sc) scaled += ScaleBy(values[words..], sc);
            if (Scale(scaled) is { } all) ScaleBy(values, all);
        }
    }

    /// <summary>1/√sum as Normalise computes it, or null when the sum is not positive (the values are left alone).</summary>
    private static float? Scale(double sum) => sum <= 0 ? null : (float)(1 / Math.Sqrt(sum));

    /// <summary>Σ v² in double, in four running sums (v₀, v₄, …; v₁, v₅, …) added together at the end.</summary>
    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double a = 0, b = 0, c = 0, d = 0;
        var i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            a += (double)values[i] * values[i];
            b += (double)values[i + 1] * values[i + 1];
            c += (double)values[i + 2] * values[i + 2];
            d += (double)values[i + 3] * values[i + 3];
        }
        for (; i < values.Length; i++) a += (double)values[i] * values[i];
        return (a + b) + (c + d);
    }

    /// <summary>Multiplies every value by <paramref name="scale"/>; returns the sum of the squares of the results.</summary>
    private static double ScaleBy(Span<float> values, float scale)
    {
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
        return SumOfSquares(values);
    }

    private static readonly float[] SublinearTable = Enumerable.Range(0, 256).Select(c => 1 + MathF.Log(c)).ToArray();

    /// <summary>1 + ln(count), from a table for the usual small counts (the same <see cref="MathF.Log"/> values).</summary>
    private static float Sublinear(float count) => count < SublinearTable.Length ? SublinearTable[(int)count] : 1 + MathF.Log(count);

    private static void Normalise(Span<float> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += (double)v * v;
        if (sum <= 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
    }

    /// <summary>
    /// The kept characters, words separated by one space, a space at each end; with <paramref name="foldKazakh"/>, each
    /// Kazakh-only letter as its fold (<see cref="HashedNgramOptions.KazakhFolding"/>).
    /// </summary>
    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text, ref char[] buffer, bool foldKazakh)
    {
        if (buffer.Length < text.Length + 2) buffer = new char[text.Length * 2 + 2];
        var n = 0;
        buffer[n++] = ' ';
        foreach (var ch in text)
        {
            // Prepared text is lower-case already: ASCII and lower-case basic Cyrillic skip the case table.
            if (IsKept(ch))
            {
                var c = ch is >= 'A' and <= 'Z' ? (char)(ch | 0x20) : ch < '\u0080' || ch is >= '\u0430' and <= '\u045F' ? ch : char.ToLowerInvariant(ch);
                buffer[n++] = foldKazakh && c >= '\u0456' ? HashedNgramOptions.FoldKazakhLetter(c) : c;
            }
            else if (buffer[n - 1] != ' ') buffer[n++] = ' ';
        }
        if (buffer[n - 1] != ' ') buffer[n++] = ' ';
        return buffer.AsSpan(0, n);
    }

    private static bool IsKept(char c)
    {
        if (c < 0x80) return c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
        if (c is >= '\u0400' and <= '\u04FF') return true;   // Cyrillic, Kazakh letters included
        if (char.IsSurrogate(c)) return true;                 // emoji and other astral symbols, kept whole
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>
    /// The word n-gram slots of <paramref name="text"/> into <paramref name="slots"/>; with <paramref name="kindSeed"/>, also
    /// each unigram's kind × word slot into <paramref name="kindSlots"/>. Returns how many of each.
    /// </summary>
    private (int Words, int KindWords) WordSlots(ReadOnlySpan<char> text, ref int[] slots, uint? kindSeed, ref int[] kindSlots)
    {
        // At most one word per two characters; each word gives up to WordMax n-grams.
        Grow(ref slots, (text.Length / 2 + 1) * Options.WordMax);
        if (kindSeed is not null) Grow(ref kindSlots, text.Length / 2 + 1);
        var crossing = kindSeed is not null;
        var seedForKind = kindSeed.GetValueOrDefault();
        var k = 0;
        var n = 0;
        uint prev = 0, prev2 = 0;
        var seen = 0;
        var start = 1;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != ' ') continue;
            var h = FnvOffset;
            foreach (var ch in text[start..i]) h = unchecked((h ^ ch) * FnvPrime);
            var word = Mix(h ^ WordSeed);
            slots[n++] = Slot(word);
            if (crossing) kindSlots[k++] = Slot(Mix(word ^ seedForKind));
            if (Options.WordMax >= 2 && seen >= 1) slots[n++] = Slot(Mix(unchecked(prev * 0x2545F491 + word) ^ BigramSeed));
            if (Options.WordMax >= 3 && seen >= 2) slots[n++] = Slot(Mix(unchecked((prev2 * 0x2545F491 + prev) * 0x2545F491 + word) ^ TrigramSeed));
            prev2 = prev;
            prev = word;
            seen++;
            start = i + 1;
        }
        return (n, k);
    }

    private int CharSlots(ReadOnlySpan<char> text, ref int[] slots)
    {
        int min = Options.CharMin, max = Options.CharMax;
        Grow(ref slots, text.Length * (max - min + 1));
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var h = FnvOffset ^ CharSeed;
            var end = Math.Min(text.Length, i + max);
            for (var j = i; j < end; j++)
            {
                h = unchecked((h ^ text[j]) * FnvPrime);
                var length = j - i + 1;
                if (length >= min) slots[n++] = Slot(Mix(unchecked(h + (uint)length * 0x27D4EB2F)));
            }
        }
        return n;
    }

    private int Slot(uint hash) => (int)(hash >> _shift);

    private static uint Mix(uint h)
    {
        unchecked
        {
            h ^= h >> 16;
            h *= 0x85EBCA6B;
            h ^= h >> 13;
            h *= 0xC2B2AE35;
            h ^= h >> 16;
            return h;
        }
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) array = new T[Math.Max(size, array.Length * 2)];
    }
}
