using System.Security.Cryptography;
using System.Text;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// A hand-written cross-lingual concept lexicon (<c>ConceptLexicon.tsv</c>, embedded; see its header): each concept a
/// line of its name and its Kazakh (Cyrillic), Russian and English terms, so that one feature slot fires for the same
/// grievance, emigration step or stance in every language. A term is one word or several separated by spaces; a word
/// ending in <c>*</c> matches every word it begins (for the endings of Kazakh and Russian), any other word only itself.
/// Words are matched against the featurizer's words of the prepared text (<c>ClassifierText.Prepare</c>: lower case,
/// ё as е, Latin-script Kazakh transliterated to Cyrillic; punctuation separates words), so terms are written the same way.
/// <para>
/// <see cref="Bytes"/> are the file as read; a model saves them beside model.zip (<c>concepts.tsv</c>) with their
/// SHA-256 in the manifest, so editing the file never changes how a trained model scores.
/// </para>
/// </summary>
public sealed class ConceptLexicon
{
    /// <summary>The columns of the header line, in order.</summary>
    public static readonly string[] Columns = ["concept", "kk", "ru", "en"];

    /// <summary>The shortest stem a one-word <c>*</c> term may have: shorter ones would match too many unrelated words (in a term of several words the others anchor it).</summary>
    public const int MinStem = 3;

    private readonly Dictionary<string, Term[]> _exact;
    private readonly Dictionary<string, Term[]> _prefix;
    private readonly Dictionary<string, Term[]>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly Dictionary<string, Term[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int _minPrefix, _maxPrefix;

    /// <summary>One concept: its name and its terms per language (as written in the file).</summary>
    public sealed record Concept(string Name, IReadOnlyList<string> Kazakh, IReadOnlyList<string> Russian, IReadOnlyList<string> English)
    {
        public IEnumerable<string> Terms => Kazakh.Concat(Russian).Concat(English);
    }

    /// <summary>A term compiled for matching: its concept's index and its words (each exact or a prefix).</summary>
    private sealed record Term(int Concept, string[] Words, bool[] Prefix);

    private ConceptLexicon(byte[] bytes, List<Concept> concepts, bool foldKazakh = false)
    {
        Bytes = bytes;
        Concepts = concepts;
        FoldsKazakh = foldKazakh;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var exact = new Dictionary<string, List<Term>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<Term>>(StringComparer.Ordinal);
        for (var c = 0; c < concepts.Count; c++)
            foreach (var text in concepts[c].Terms.Distinct(StringComparer.Ordinal))
            {
                var words = (foldKazakh ? string.Concat(text.Select(HashedNgramOptions.FoldKazakhLetter)) : text).Split(' ');
                var isPrefix = words.Select(w => w.EndsWith('*')).ToArray();
                var term = new Term(c, words.Select(w => w.TrimEnd('*')).ToArray(), isPrefix);
                var index = isPrefix[0] ? prefix : exact;
                if (!index.TryGetValue(term.Words[0], out var list)) index[term.Words[0]] = list = [];
                list.Add(term);
            }
        _exact = exact.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _prefix = prefix.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _minPrefix = _prefix.Count == 0 ? 0 : _prefix.Keys.Min(k => k.Length);
        _maxPrefix = _prefix.Count == 0 ? -1 : _prefix.Keys.Max(k => k.Length);
    }

    /// <summary>
    /// Whether the terms are matched with Kazakh-only letters folded (<see cref="HashedNgramOptions.FoldKazakh"/>), as the
    /// text of a featurizer that folds them is; the file (<see cref="Bytes"/>) is the same either way.
    /// </summary>
    public bool FoldsKazakh { get; }

    /// <summary>This lexicon, matching with Kazakh-only letters folded or not, as <paramref name="foldKazakh"/> says.</summary>
    public ConceptLexicon Folding(bool foldKazakh) => foldKazakh == FoldsKazakh ? this : new ConceptLexicon(Bytes, [.. Concepts], foldKazakh);

    /// <summary>The concepts in file order: concept i is feature slot i of the concept block.</summary>
    public IReadOnlyList<Concept> Concepts { get; }

    public int Count => Concepts.Count;

    /// <summary>The file as read (UTF-8), saved with a model.</summary>
    public byte[] Bytes { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public string Sha256 { get; }

    public const string ResourceName = "NlpPipeline.Classification.Features.ConceptLexicon.tsv";

    private static readonly Lazy<ConceptLexicon> BuiltIn = new(() =>
    {
        using var stream = typeof(ConceptLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray());
    });

    /// <summary>The lexicon built into this nlp (<c>src/NlpPipeline.Classification/Features/ConceptLexicon.tsv</c>), which new models are trained with.</summary>
    public static ConceptLexicon Default => BuiltIn.Value;

    /// <summary>
    /// Reads a lexicon file: lines starting with <c>#</c> and blank lines are comments; the first other line is the header
    /// (<see cref="Columns"/>, tab-separated); then one concept a line, four tab-separated fields, the terms of a language
    /// separated by commas. Throws <see cref="FormatException"/> naming the line of the first problem (<see cref="Problems"/>).
    /// </summary>
    public static ConceptLexicon Parse(byte[] bytes)
    {
        var (concepts, problems) = Read(bytes);
        if (problems.Count > 0) throw new FormatException("Invalid concept lexicon: " + string.Join("; ", problems.Take(5)));
        return new ConceptLexicon(bytes, concepts);
    }

    /// <summary>Every problem of a lexicon file, each with its line number (empty when it is valid).</summary>
    public static IReadOnlyList<string> Problems(byte[] bytes) => Read(bytes).Problems;

    private static (List<Concept> Concepts, List<string> Problems) Read(byte[] bytes)
    {
        var concepts = new List<Concept>();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var header = false;
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return (concepts, ["not UTF-8"]); }
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            var at = $"line {n + 1}";
            if (!header)
            {
                if (!fields.SequenceEqual(Columns)) problems.Add($"{at}: the header must be '{string.Join("\\t", Columns)}'");
                header = true;
                continue;
            }
            if (fields.Length != Columns.Length)
            {
                problems.Add($"{at}: {fields.Length} tab-separated fields, expected {Columns.Length}");
                continue;
            }
            var name = fields[0];
            if (name.Length == 0 || !name.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
                problems.Add($"{at}: concept name '{name}' must be lower-case ASCII letters, digits and _");
            if (!names.Add(name)) problems.Add($"{at}: concept '{name}' is defined twice");
            var languages = new List<string>[3];
            for (var l = 0; l < 3; l++)
            {
                languages[l] = fields[l + 1].Split(',').Select(t => t.Trim()).ToList();
                if (languages[l].All(t => t.Length == 0))
                {
                    problems.Add($"{at}: concept '{name}' has no {Columns[l + 1]} term");
                    continue;
                }
                foreach (var term in languages[l])
                    if (TermProblem(term) is { } problem) problems.Add($"{at}: {Columns[l + 1]} term '{term}' {problem}");
                foreach (var twice in languages[l].GroupBy(t => t).Where(g => g.Count() > 1))
                    problems.Add($"{at}: {Columns[l + 1]} term '{twice.Key}' is listed twice");
            }
            concepts.Add(new Concept(name, languages[0], languages[1], languages[2]));
        }
        if (!header) problems.Add("no header line");
        return (concepts, problems);
    }

    /// <summary>Why a term cannot match prepared text (null when it can).</summary>
    private static string? TermProblem(string term)
    {
        if (term.Length == 0) return "is empty (two commas in a row, or one at the end)";
        var words = term.Split(' ');
        foreach (var word in words)
        {
            if (word.Length == 0) return "has two spaces in a row or one at an end";
            var stem = word.EndsWith('*') ? word[..^1] : word;
            if (stem.Length == 0 || stem.Contains('*')) return "has a * that is not at the end of a word";
            if (word.EndsWith('*') && stem.Length < MinStem && words.Length == 1) return $"is a stem shorter than {MinStem} letters";
            if (!stem.All(IsWordCharacter))
                return "has a character the featurizer does not keep in a word (only lower-case letters and digits)";
            if (stem.Contains('ё')) return "has ё, which prepared text spells е";
            if (stem != stem.ToLowerInvariant()) return "is not lower-case";
        }
        return null;
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c);

    /// <summary>Per-thread matching state: the words of the text, and per concept its count and the last word it was counted at.</summary>
    internal sealed class Scratch
    {
        public int[] Starts = new int[256];
        public int[] Lengths = new int[256];
        public int[] Counts = [];
        public int[] LastAt = [];
        public int[] Hit = new int[64];
    }

    /// <summary>
    /// Counts the concepts of <paramref name="text"/> (the featurizer's normalised text: kept characters, words separated by
    /// one space, a space at each end): a concept counts once at each word where one of its terms starts. Writes the
    /// concepts hit (in the order first met) to <paramref name="concepts"/> and their counts to <paramref name="counts"/>;
    /// returns how many. Both spans need room for <see cref="Count"/> entries.
    /// </summary>
    internal int Match(ReadOnlySpan<char> text, Scratch s, Span<int> concepts, Span<float> counts)
    {
        if (s.Counts.Length < Count)
        {
            s.Counts = new int[Count];
            s.LastAt = new int[Count];
        }
        if (Count == 0) return 0;
        // The words, as start and length in the text.
        var words = 0;
        var start = 1;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != ' ') continue;
            if (i > start)
            {
                if (words == s.Starts.Length)
                {
                    Array.Resize(ref s.Starts, words * 2);
                    Array.Resize(ref s.Lengths, words * 2);
                }
                s.Starts[words] = start;
                s.Lengths[words] = i - start;
                words++;
            }
            start = i + 1;
        }
        var hit = 0;
        for (var w = 0; w < words; w++)
        {
            var word = text.Slice(s.Starts[w], s.Lengths[w]);
            if (_exactLookup.TryGetValue(word, out var terms)) hit = Tally(terms, text, s, w, words, concepts, hit);
            for (var length = _minPrefix; length <= Math.Min(word.Length, _maxPrefix); length++)
                if (_prefixLookup.TryGetValue(word[..length], out terms)) hit = Tally(terms, text, s, w, words, concepts, hit);
        }
        for (var i = 0; i < hit; i++)
        {
            counts[i] = s.Counts[concepts[i]];
            s.Counts[concepts[i]] = 0;
        }
        return hit;
    }

    /// <summary>Counts each of <paramref name="terms"/> (whose first word matches word <paramref name="w"/>) whose other words follow.</summary>
    private static int Tally(Term[] terms, ReadOnlySpan<char> text, Scratch s, int w, int words, Span<int> concepts, int hit)
    {
        foreach (var term in terms)
        {
            if (term.Words.Length > 1 && !Follows(term, text, s, w, words)) continue;
            var c = term.Concept;
            if (s.Counts[c] == 0) concepts[hit++] = c;
            else if (s.LastAt[c] == w + 1) continue;   // already counted at this word
            s.Counts[c]++;
            s.LastAt[c] = w + 1;
        }
        return hit;
    }

    private static bool Follows(Term term, ReadOnlySpan<char> text, Scratch s, int w, int words)
    {
        if (w + term.Words.Length > words) return false;
        for (var k = 1; k < term.Words.Length; k++)
        {
            var word = text.Slice(s.Starts[w + k], s.Lengths[w + k]);
            var pattern = term.Words[k].AsSpan();
            if (term.Prefix[k] ? !word.StartsWith(pattern, StringComparison.Ordinal) : !word.SequenceEqual(pattern)) return false;
        }
        return true;
    }
}
