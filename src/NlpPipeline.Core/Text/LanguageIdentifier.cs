using System.Collections.Frozen;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Rule-based language identification for kk (Cyrillic and Latin), ru and en. Each clause gets a
/// language from word evidence (Kazakh-only letters, function words, common endings); a passage is
/// <c>mixed</c> when a second language holds at least <see cref="MinorShare"/> of its letters; too
/// little text is <c>other</c>. URLs, e-mails, @mentions and
/// phone numbers are ignored. Thread-safe; no model files.
/// </summary>
public sealed class LanguageIdentifier : ILanguageIdentifier
{
    public const double DominantShare = 0.7;
    public const double MinorShare = 0.2;
    private const int MinLetters = 8;

    public Language Identify(string text) => Guess(text).Language;

    public LanguageGuess Guess(string text) => Analyze(text).Guess;

    /// <summary>The evidence behind a guess, for identifiers that combine these rules with a model.</summary>
    /// <param name="text">The text.</param>
    /// <param name="unreadClause">
    /// Asked for the language of a clause of at least <see cref="MinClauseLetters"/> letters in which the
    /// rules found no cue at all (null: the clause is counted with its neighbours, as by default).
    /// </param>
    /// <param name="masked">The text has been through <see cref="TextMasks.Apply"/> already.</param>
    public LanguageAnalysis Analyze(string text, Func<string, Language?>? unreadClause = null, bool masked = false)
    {
        var clean = masked ? text : TextMasks.Apply(text);
        var shares = ClauseShares(clean, unreadClause, out var letters, out var evidence);
        var (cyrillic, latin) = ScriptLetters(clean);
        var saturation = evidence / (evidence + 1.5);
        LanguageGuess guess;
        // Too little text to tell: certain when there is next to nothing, a weak guess otherwise
        // (a model may still recognise a short greeting the rules have no cue for).
        if (letters < MinLetters || (evidence < 1 && letters < 25))
            guess = new LanguageGuess(Language.Other, letters < 3 ? 0.95 : 0.3);
        else if (shares.Count == 0)   // letters of another script (Chinese, Korean, Georgian…)
            guess = new LanguageGuess(Language.Other, 0.9);
        else
        {
            // The largest share (the first met of equal ones) and the next largest value, as a stable sort by
            // descending share would rank them; the total added up in the dictionary's order, as Sum adds it.
            var total = 0.0;
            var top = default(KeyValuePair<Language, double>);
            double? next = null;
            var first = true;
            foreach (var kv in shares)
            {
                total += kv.Value;
                if (first) { top = kv; first = false; }
                else if (kv.Value > top.Value) { next = top.Value; top = kv; }
                else if (next is null || kv.Value > next) next = kv.Value;
            }
            var topShare = total == 0 ? 0 : top.Value / total;
            var second = next is { } n && total > 0 ? n / total : 0;
            // A passage is mixed when a second language carries a substantial part of it (at least
            // MinorShare of its letters), even if the first still holds most; for a whole document
            // LABELS.md asks instead whether any language holds 70 % (GuessDocument).
            guess = second < MinorShare
                ? new LanguageGuess(top.Key, Math.Round(topShare * saturation, 4))
                : new LanguageGuess(Language.Mixed, Math.Round((topShare + second) * saturation, 4));
        }
        return new LanguageAnalysis(shares, letters, cyrillic, latin, evidence, guess);
    }

    /// <summary>The language holding most characters over the passages; <c>mixed</c> below 70 % (LABELS.md).</summary>
    public static Language ForDocument(IEnumerable<(string Text, Language Language)> passages) => GuessDocument(passages).Language;

    /// <summary>
    /// <see cref="ForDocument"/> with a confidence: the share of characters in the chosen language, or
    /// for <c>mixed</c> the share outside the largest language.
    /// </summary>
    public static LanguageGuess GuessDocument(IEnumerable<(string Text, Language Language)> passages)
    {
        var chars = new Dictionary<Language, double>();
        foreach (var (text, lang) in passages)
            chars[lang] = chars.GetValueOrDefault(lang) + text.Length;
        var total = chars.Values.Sum();
        if (total == 0) return new LanguageGuess(Language.Other, 1);
        var top = chars.MaxBy(kv => kv.Value);
        var share = top.Value / total;
        return share >= DominantShare
            ? new LanguageGuess(top.Key, Math.Round(share, 4))
            : new LanguageGuess(Language.Mixed, Math.Round(1 - share, 4));
    }

    private static (int Cyrillic, int Latin) ScriptLetters(string text)
    {
        int cyr = 0, lat = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF') cyr++;
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' || (c > '\u007F' && c < '\u0250' && char.IsLetter(c))) lat++;
        }
        return (cyr, lat);
    }

    /// <summary>Clauses shorter than this are too short to be worth asking about on their own.</summary>
    public const int MinClauseLetters = 12;

    /// <summary>Characters per language over the clauses of the text.</summary>
    private static Dictionary<Language, double> ClauseShares(string text, Func<string, Language?>? unreadClause, out int letters, out double evidence)
    {
        var shares = new Dictionary<Language, double>();
        letters = 0;
        evidence = 0;
        var pending = 0;             // letters of clauses with no evidence, given to the next decided clause
        Language? last = null;
        // Each word is lower-cased into this buffer and weighed as a span: no string per clause or word.
        Span<char> small = stackalloc char[128];
        char[]? large = null;
        for (var start = 0; start <= text.Length;)
        {
            var next = text.AsSpan(start).IndexOfAny(ClauseBreaks);
            var i = next < 0 ? text.Length : start + next;
            if (i > start)
            {
                var clause = text.AsSpan(start, i - start);
                var score = new WordEvidence();
                WeighWords(clause, ref score, small, ref large);
                letters += score.Letters;
                evidence += score.Total;
                var lang = score.Best();
                if (lang is null && unreadClause is not null && score.Letters >= MinClauseLetters) lang = unreadClause(clause.ToString());
                if (lang is null) pending += score.Letters;
                else
                {
                    shares[lang.Value] = shares.GetValueOrDefault(lang.Value) + score.Letters + pending;
                    pending = 0;
                    last = lang;
                }
            }
            start = i + 1;
        }
        if (pending > 0)
        {
            var fallback = last ?? ScriptGuess(text);
            if (fallback is { } f) shares[f] = shares.GetValueOrDefault(f) + pending;
        }
        return shares;
    }

    private static Language? ScriptGuess(string text)
    {
        var (cyr, lat) = ScriptLetters(text);
        if (cyr == 0 && lat == 0) return null;
        return cyr >= lat ? Language.Russian : Language.English;
    }

    /// <summary>Where the text is cut into clauses (each gets a language of their own): sentence and clause punctuation,
    /// line breaks and parentheses.</summary>
    public static bool IsClauseBreak(char c) => ClauseBreaks.Contains(c);

    /// <summary>The clause breaks as one set: for the vectorised search here and for <see cref="IsClauseBreak"/>.</summary>
    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(".!?;,:—–\n()");

    /// <summary>A word is a run of letters, with ' ’ - inside it once it has begun.</summary>
    private static bool IsWordChar(char c, bool inWord) => char.IsLetter(c) || (inWord && c is '\'' or '’' or '-');

    /// <summary>Adds each word of <paramref name="clause"/>, lower-cased (as <see cref="string.ToLowerInvariant()"/>) into
    /// <paramref name="small"/>, or a larger buffer for a longer word, to <paramref name="score"/>.</summary>
    private static void WeighWords(ReadOnlySpan<char> clause, ref WordEvidence score, Span<char> small, ref char[]? large)
    {
        var start = -1;
        for (var i = 0; i <= clause.Length; i++)
        {
            if (i < clause.Length && IsWordChar(clause[i], start >= 0)) { if (start < 0) start = i; continue; }
            if (start < 0) continue;
            var word = clause[start..i];
            var buffer = small;
            if (word.Length > small.Length)
            {
                if (large is null || large.Length < word.Length) large = new char[word.Length];
                buffer = large;
            }
            var lower = buffer[..word.ToLowerInvariant(buffer)];
            score.Add(lower);
            start = -1;
        }
    }

    private struct WordEvidence
    {
        private double _kk, _ru, _en, _other;
        public int Letters;
        public readonly double Total => _kk + _ru + _en + _other;

        public void Add(ReadOnlySpan<char> w)
        {
            Letters += w.Length;
            bool cyr = false, lat = false, kkLetter = false, kkLatin = false, foreignLatin = false;
            foreach (var c in w)
            {
                if (c is >= '\u0400' and <= '\u04FF') cyr = true;
                else if (c is >= 'a' and <= 'z') lat = true;
                if (c <= '\u007F') continue;   // no cue letter below: they are all Cyrillic or accented Latin
                if (LanguageCues.KazakhCyrillicLetters.Contains(c)) kkLetter = true;
                else if (LanguageCues.KazakhLatinLetters.Contains(c)) { kkLatin = true; lat = true; }
                else if (c > '\u007F' && c < '\u0400' && char.IsLetter(c)) { foreignLatin = true; lat = true; }
            }
            if (cyr)
            {
                // Ukrainian, Belarusian, Tatar and Uzbek letters that Kazakh and Russian never use (Ukrainian shares і with Kazakh).
                if (w.IndexOfAny("їєґўҗҳ") >= 0) { _other += 3; return; }
                if (LanguageCues.OtherCyrillicWords.Contains(w)) { _other += 2; return; }
                if (kkLetter) _kk += 2;
                if (LanguageCues.KazakhWords.Contains(w)) _kk += 1.5;
                if (LanguageCues.RussianWords.Contains(w) || (w.Contains('-') && AnyPartIn(w, LanguageCues.RussianWords))) _ru += 1.5;
                if (!kkLetter && w.Length >= 5)
                {
                    if (LanguageCues.EndsWithAny(w, LanguageCues.KazakhEndings)) _kk += 0.6;
                    if (LanguageCues.EndsWithAny(w, LanguageCues.RussianEndings)) _ru += 0.6;
                }
                return;
            }
            if (!lat) return;
            if (LanguageCues.OtherLatinWords.Contains(w)) { _other += 2; return; }
            if (LanguageCues.RussianLatinWords.Contains(w)) { _ru += 1.5; return; }
            if (w.Length >= 5 && !kkLatin && LanguageCues.EndsWithAny(w, LanguageCues.RussianLatinEndings)) _ru += 0.6;
            if (LanguageCues.EnglishWords.Contains(w)) _en += 1.5;
            if (LanguageCues.KazakhLatinWords.Contains(w)) _kk += 1.5;
            if (kkLatin) _kk += 1;
            else if (foreignLatin) _other += 1;
            if (w.Contains('q') && w.IndexOf("qu") < 0) _kk += 0.7;
            if (w.Length >= 5 && LanguageCues.EndsWithAny(w, LanguageCues.KazakhLatinEndings)) _kk += 0.5;
            // "zh" (ж) is the mark of informal Kazakh typed on a Latin keyboard; English words almost never have it.
            if (w.IndexOf("zh") >= 0) _kk += 0.8;
            if (w.Length >= 5 && LanguageCues.EndsWithAny(w, LanguageCues.EnglishEndings)) _en += 0.5;
        }

        /// <summary>Whether a piece of <paramref name="w"/> between hyphens is one of <paramref name="words"/> ("что-то" is, "кое-как" is for "как").</summary>
        private static bool AnyPartIn(ReadOnlySpan<char> w, LanguageCues.Words words)
        {
            foreach (var range in w.Split('-'))
                if (words.Contains(w[range])) return true;
            return false;
        }

        public readonly Language? Best()
        {
            var best = Math.Max(Math.Max(_kk, _ru), Math.Max(_en, _other));
            if (best <= 0) return null;
            // A tie between Kazakh and Russian goes to Russian: Kazakh text nearly always shows one of
            // its own letters or function words, so evidence that merely balances is usually shared words.
            if (best == _ru) return Language.Russian;
            if (best == _kk) return Language.Kazakh;
            if (best == _en) return Language.English;
            return Language.Other;
        }
    }
}
