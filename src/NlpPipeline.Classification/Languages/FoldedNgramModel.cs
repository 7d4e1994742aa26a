using System.Globalization;
using System.IO.Compression;
using System.Text;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Languages;

/// <summary>
/// A character n-gram model (orders 1 to 4, naive Bayes with additive smoothing) of kk, ru and en over
/// <see cref="ScriptFolding">folded</see> text. Folding puts Cyrillic Kazakh, Kazakh without its own
/// letters, phone-typed Latin Kazakh and the 2021 alphabet in one spelling, so what the model learns
/// from the annotated corpus's Cyrillic Kazakh carries over to the Latin and the letter-poor Kazakh that
/// generic detectors miss, and it tells Kazakh from Russian by words and endings. It knows no other
/// language, but it can say how typical of kk, ru and en a text is (<see cref="Fit"/>): "other" and the
/// decision to call a text mixed stay with <see cref="HybridLanguageIdentifier"/>.
/// Trained by <c>nlp langid train</c>; the committed counts are an embedded resource.
/// </summary>
public sealed class FoldedNgramModel
{
    public static readonly IReadOnlyList<Language> Languages = [Language.Kazakh, Language.Russian, Language.English];
    public const int MaxOrder = 4;
    private const double Alpha = 0.5;
    private const string Header = "# folded character n-gram counts v1";

    /// <summary>At most this many n-grams count as independent evidence (naive Bayes is overconfident on long texts).</summary>
    private const int EvidenceCap = 24;

    private readonly Dictionary<int, int[]> _counts;

    // Scoring table: open addressing on the gram key, each entry the key and its log probabilities
    // side by side (one cache line holds several), so a lookup touches one place in a table of about 1 MB.
    private readonly Entry[] _table;
    private readonly int _mask;
    private readonly Entry _unseen;

    private struct Entry
    {
        public int Key;   // 0: empty (no gram has key 0)
        public float Kk, Ru, En;
    }

    private FoldedNgramModel(Dictionary<int, int[]> counts)
    {
        _counts = counts;
        var totals = new long[Languages.Count];
        foreach (var c in counts.Values)
            for (var l = 0; l < c.Length; l++) totals[l] += c[l];
        var vocabulary = counts.Count;
        float LogP(double count, int l) => (float)Math.Log((count + Alpha) / (totals[l] + Alpha * vocabulary));
        _unseen = new Entry { Kk = LogP(0, 0), Ru = LogP(0, 1), En = LogP(0, 2) };
        var capacity = 1024;
        while (capacity < vocabulary * 2) capacity <<= 1;
        _table = new Entry[capacity];
        _mask = capacity - 1;
        foreach (var (key, c) in counts)
        {
            var i = Slot(key);
            while (_table[i].Key != 0) i = (i + 1) & _mask;
            _table[i] = new Entry { Key = key, Kk = LogP(c[0], 0), Ru = LogP(c[1], 1), En = LogP(c[2], 2) };
        }
    }

    private int Slot(int key) => (int)(((uint)key * 2654435761u) >> 12) & _mask;

    private ref readonly Entry Find(int key, out bool seen)
    {
        for (var i = Slot(key); ; i = (i + 1) & _mask)
        {
            ref readonly var e = ref _table[i];
            if (e.Key == key) { seen = true; return ref e; }
            if (e.Key == 0) { seen = false; return ref _unseen; }
        }
    }

    public int Vocabulary => _counts.Count;

    private static readonly Lazy<FoldedNgramModel> EmbeddedModel = new(() =>
    {
        using var stream = typeof(FoldedNgramModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Load(stream);
    });

    public const string ResourceName = "NlpPipeline.Classification.Languages.FoldedNgrams.tsv.gz";

    /// <summary>The model committed with the code (trained on <c>corpora/annotated</c>).</summary>
    public static FoldedNgramModel Embedded => EmbeddedModel.Value;

    public static FoldedNgramModel Train(IEnumerable<(string Text, Language Language)> texts)
    {
        var counts = new Dictionary<int, int[]>();
        foreach (var (text, language) in texts)
        {
            var l = IndexOf(language);
            if (l < 0) continue;
            var sink = new CountingSink(counts, l);
            ForEachGram(ScriptFolding.Fold(TextMasks.Apply(text)), ref sink);
        }
        return new FoldedNgramModel(counts);
    }

    /// <summary>Gzipped TSV, one n-gram per line in ordinal order with its count per language: the same corpus gives the same bytes.</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new StreamWriter(gz, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine(Header + "\t" + string.Join('\t', Languages.Select(l => l.ToWire())));
        foreach (var (gram, key) in _counts.Keys.Select(k => (Decode(k), k)).OrderBy(x => x.Item1, StringComparer.Ordinal))
            w.WriteLine(gram.Replace(' ', '_') + "\t" + string.Join('\t', _counts[key].Select(n => n.ToString(CultureInfo.InvariantCulture))));
    }

    public static FoldedNgramModel Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new StreamReader(gz, Encoding.UTF8);
        var header = r.ReadLine();
        var expected = Header + "\t" + string.Join('\t', Languages.Select(l => l.ToWire()));
        if (header != expected) throw new InvalidDataException($"Not a folded n-gram model (first line '{header}').");
        var counts = new Dictionary<int, int[]>();
        string? line;
        var lineNo = 1;
        while ((line = r.ReadLine()) is not null)
        {
            lineNo++;
            var parts = line.Split('\t');
            if (parts.Length != Languages.Count + 1 || parts[0].Length is 0 or > MaxOrder)
                throw new InvalidDataException($"Folded n-gram model line {lineNo}: expected a gram and {Languages.Count} counts.");
            var key = Encode(parts[0].Replace('_', ' '));
            counts[key] = parts.Skip(1).Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        }
        return new FoldedNgramModel(counts);
    }

    /// <summary>
    /// How much a text looks like the kk, ru and en the model was trained on: the share of its 3- and 4-grams
    /// the model has seen in any of them, and the mean log probability of its n-grams under its likeliest
    /// language. Text in another language (or none) scores low on one or both.
    /// </summary>
    public readonly record struct Fit(double Familiar, double LogProbability)
    {
        /// <summary>
        /// The levels that 95 % of the short (≤ 40 characters) kk, ru and en texts of
        /// <c>corpora/langid/dev.jsonl</c> reach on both measures (their 5th percentiles under the counts of the
        /// 42,466-passage corpus, 0.980 and −7.81 (lower nearest rank); under the 35,984-passage corpus's, 0.978 and −7.81; under the 30,876-passage corpus's, 0.974 and −7.81 (that
        /// rank gives 0.968 and −7.79 under the counts before it); under the
        /// 23,960-passage corpus's, 0.969 and −7.78; 0.968 and −7.78 under the 22,287-passage corpus's; 0.955 and −7.79 under the 16,683-passage corpus's; 0.949 and −7.79 under the 14,458-passage corpus's; 0.946 and −7.78 under the 11,339-passage corpus's; 0.942 and −7.78 under the 7,878-passage corpus's, 0.929 and −7.76 under the
        /// 6,684-passage corpus's).
        /// </summary>
        public const double TypicalFamiliar = 0.94, TypicalLogProbability = -7.8;

        /// <summary>At or above both typical levels: the text reads like kk, ru or en.</summary>
        public bool IsTypical => Familiar >= TypicalFamiliar && LogProbability >= TypicalLogProbability;
    }

    /// <summary>What the model reads in a text: its likeliest language overall, letters per language by clause, and its fit.</summary>
    /// <param name="Whole">The likeliest of kk, ru, en for the whole text, with a posterior in which at most
    /// <see cref="EvidenceCap"/> n-grams count; null when the text has no letters.</param>
    /// <param name="ClauseLetters">Letters per language, each clause of at least 4 letters given to its likeliest language.</param>
    /// <param name="Fit">How typical of kk, ru and en the whole text is (null when it has no letters).</param>
    public sealed record Reading(LanguageGuess? Whole, IReadOnlyDictionary<Language, int> ClauseLetters, Fit? Fit);

    public Reading Read(string text)
    {
        var length = ScriptFolding.MaxFoldedLength(text.Length);
        Span<char> folded = length <= 512 ? stackalloc char[length] : new char[length];
        folded = folded[..ScriptFolding.FoldInto(text, folded, markClauses: true)];
        var whole = new ScoringSink(this);
        var letters = new Dictionary<Language, int>();
        while (true)
        {
            var end = folded.IndexOf(ScriptFolding.ClauseMark);
            var part = end < 0 ? folded : folded[..end];
            var clause = Score(part);
            if (clause.Grams > 0)
            {
                whole.Add(clause);
                var n = part.Length - part.Count(' ');
                if (n >= 4)
                {
                    var language = clause.Posterior().Language;
                    letters[language] = letters.GetValueOrDefault(language) + n;
                }
            }
            if (end < 0) break;
            folded = folded[(end + 1)..];
        }
        return whole.Grams == 0 ? new Reading(null, letters, null) : new Reading(whole.Posterior(), letters, whole.Fit());
    }

    /// <summary>The likeliest of kk, ru, en for a text read as one clause (posterior as in <see cref="Reading.Whole"/>), and its fit; null when it has no letters.</summary>
    public (LanguageGuess Guess, Fit Fit)? Guess(ReadOnlySpan<char> text)
    {
        var length = ScriptFolding.MaxFoldedLength(text.Length);
        Span<char> folded = length <= 512 ? stackalloc char[length] : new char[length];
        var sink = Score(folded[..ScriptFolding.FoldInto(text, folded, markClauses: false)]);
        return sink.Grams == 0 ? null : (sink.Posterior(), sink.Fit());
    }

    private ScoringSink Score(ReadOnlySpan<char> folded)
    {
        var sink = new ScoringSink(this);
        ForEachGram(folded, ref sink);
        return sink;
    }

    private interface IGramSink
    {
        void Add(int key);
    }

    private struct ScoringSink(FoldedNgramModel model) : IGramSink
    {
        public double Kk, Ru, En;
        public int Grams, Long, LongSeen;

        public void Add(int key)
        {
            ref readonly var e = ref model.Find(key, out var seen);
            Kk += e.Kk;
            Ru += e.Ru;
            En += e.En;
            Grams++;
            if (key >= LongGram)
            {
                Long++;
                if (seen) LongSeen++;
            }
        }

        public void Add(in ScoringSink other)
        {
            Kk += other.Kk;
            Ru += other.Ru;
            En += other.En;
            Grams += other.Grams;
            Long += other.Long;
            LongSeen += other.LongSeen;
        }

        public readonly LanguageGuess Posterior() => FoldedNgramModel.Posterior([Kk, Ru, En], Grams);

        public readonly Fit Fit() => new(Long == 0 ? 1 : LongSeen / (double)Long, Math.Max(Kk, Math.Max(Ru, En)) / Grams);
    }

    /// <summary>The smallest key of a gram of three or more characters (every character code is at least 1).</summary>
    private const int LongGram = 1 << 10;

    private readonly struct CountingSink(Dictionary<int, int[]> counts, int language) : IGramSink
    {
        public void Add(int key)
        {
            if (!counts.TryGetValue(key, out var c)) counts[key] = c = new int[Languages.Count];
            c[language]++;
        }
    }

    private static LanguageGuess Posterior(ReadOnlySpan<double> ll, int grams)
    {
        var scale = Math.Min(1.0, EvidenceCap / (double)grams);
        var best = 0;
        for (var l = 1; l < ll.Length; l++) if (ll[l] > ll[best]) best = l;
        var z = 0.0;
        for (var l = 0; l < ll.Length; l++) z += Math.Exp((ll[l] - ll[best]) * scale);
        return new LanguageGuess(Languages[best], Math.Round(1 / z, 4));
    }

    private static int IndexOf(Language language)
    {
        for (var i = 0; i < Languages.Count; i++) if (Languages[i] == language) return i;
        return -1;
    }

    // A gram of up to four characters from a–z and the word boundary packs into 5 bits per character.
    private static int Code(char c) => c == ' ' ? 27 : c - 'a' + 1;

    private static int Encode(string gram)
    {
        var key = 0;
        foreach (var c in gram)
        {
            if (c != ' ' && c is < 'a' or > 'z') throw new InvalidDataException($"'{gram}' is not a folded n-gram.");
            key = (key << 5) | Code(c);
        }
        return key;
    }

    private static string Decode(int key)
    {
        var chars = new List<char>();
        for (; key != 0; key >>= 5)
        {
            var code = key & 31;
            chars.Add(code == 27 ? ' ' : (char)('a' + code - 1));
        }
        chars.Reverse();
        return new string([.. chars]);
    }

    /// <summary>
    /// Hands <paramref name="sink"/> the key of every n-gram (orders 1–4) of each word of a folded text, the
    /// word padded with a boundary on both sides. A struct sink is specialised by the JIT: no delegate, no allocation.
    /// </summary>
    private static void ForEachGram<TSink>(ReadOnlySpan<char> folded, ref TSink sink) where TSink : struct, IGramSink
    {
        var start = 0;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && folded[i] != ' ') continue;
            var word = folded[start..i];
            var padded = word.Length + 2;
            for (var p = 0; word.Length > 0 && p < padded; p++)
            {
                var key = 0;
                for (var n = 1; n <= MaxOrder && p + n <= padded; n++)
                {
                    var q = p + n - 1;
                    var boundary = q == 0 || q == padded - 1;
                    key = (key << 5) | Code(boundary ? ' ' : word[q - 1]);
                    if (n > 1 || !boundary) sink.Add(key);   // a lone boundary says nothing
                }
            }
            start = i + 1;
        }
    }
}
