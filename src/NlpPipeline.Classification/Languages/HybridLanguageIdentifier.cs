using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using LinguaDetector = Lingua.LanguageDetector;
using LinguaBuilder = Lingua.LanguageDetectorBuilder;
using LinguaLanguage = Lingua.Language;

namespace NlpPipeline.Classification.Languages;

/// <summary>
/// Language identification that knows Kazakh, in two steps. First, is the text kk, ru, en at all? The
/// project's rules decide when their evidence is strong (Kazakh-only letters, function words,
/// Latin-script Kazakh, code-switching); a text on which they saw nothing foreign and which the
/// <see cref="FoldedNgramModel"/> finds typical of kk, ru and en is not other; the Lingua n-gram models
/// decide the rest (Ukrainian, Turkish, German, Azerbaijani → other; too little text → other). Then, for a
/// text that is not other, the folded model trained on the annotated corpus chooses between kk, ru, en and
/// mixed, whatever the script and whether or not Kazakh letters were typed. Thread-safe; Lingua's models
/// load on first use.
/// </summary>
public sealed class HybridLanguageIdentifier : ILanguageIdentifier
{
    /// <summary>
    /// Rule confidence from which the rules are trusted without asking the model. Low on purpose: on
    /// kk/ru/en the rules are both more accurate and over ten times faster than the model, which earns
    /// its keep on texts the rules can say little about (other languages, letter-poor snippets).
    /// </summary>
    public const double TrustRules = 0.45;

    /// <summary>A text this short (in letters) is "other" whatever a model says: too little to tell.</summary>
    public const int MinLetters = 4;

    private readonly LanguageIdentifier _rules = new();
    private readonly Lazy<LinguaDetector> _cyrillic = new(() => LinguaBuilder
        .FromLanguages(LinguaLanguage.Kazakh, LinguaLanguage.Russian, LinguaLanguage.Ukrainian).Build());
    private readonly Lazy<LinguaDetector> _latin = new(() => LinguaBuilder
        .FromLanguages(LinguaLanguage.English, LinguaLanguage.Turkish, LinguaLanguage.German, LinguaLanguage.Azerbaijani).Build());

    private readonly FoldedNgramModel _ngrams;

    public HybridLanguageIdentifier() : this(FoldedNgramModel.Embedded) { }

    public HybridLanguageIdentifier(FoldedNgramModel ngrams) => _ngrams = ngrams;

    /// <summary>
    /// The rules and Lingua decide whether a text is "other" (another language, or too little to tell);
    /// for the rest, the folded n-gram model decides between kk, ru, en and mixed. It reads each clause; a
    /// text the rules call mixed stays mixed when the model also gives a second language at least
    /// <see cref="LanguageIdentifier.MinorShare"/> of the letters; a text the rules give one language becomes
    /// mixed when the model finds kk and ru both, the second with that share and at least
    /// <see cref="LanguageIdentifier.MinClauseLetters"/> letters. Otherwise the text is the model's language
    /// for the whole text.
    /// </summary>
    public LanguageGuess Guess(string text)
    {
        var clean = TextMasks.Apply(text);
        var analysis = _rules.Analyze(clean, ReadClause, masked: true);
        var rules = analysis.Guess;
        if (rules.Language == Language.Other && (rules.Confidence >= TrustRules || analysis.Letters < MinLetters)) return rules;
        var reading = _ngrams.Read(clean);
        var first = RulesThenLingua(clean, analysis, reading);
        if (first.Language == Language.Other) return first;
        if (reading.Whole is not { } whole) return first;
        // The two languages holding most clause letters (a tie goes to the first in kk, ru, en order).
        int total = 0, top = 0, second = 0;
        Language topLanguage = Language.Other, secondLanguage = Language.Other;
        foreach (var language in FoldedNgramModel.Languages)
        {
            if (!reading.ClauseLetters.TryGetValue(language, out var n)) continue;
            total += n;
            if (n > top) (second, secondLanguage, top, topLanguage) = (top, topLanguage, n, language);
            else if (n > second) (second, secondLanguage) = (n, language);
        }
        var substantial = total > 0 && second >= LanguageIdentifier.MinorShare * total;
        if (first.Language == Language.Mixed)
        {
            if (substantial) return first;   // the model confirms the rules' switch of language
        }
        // A switch the rules missed needs a real clause of the second language, not a place name in a short post.
        else if (substantial && second >= LanguageIdentifier.MinClauseLetters
                 && (topLanguage, secondLanguage) is (Language.Kazakh, Language.Russian) or (Language.Russian, Language.Kazakh))
            return new LanguageGuess(Language.Mixed, Math.Round((top + second) / (double)total * whole.Confidence, 4));
        return whole.Language == first.Language ? new LanguageGuess(whole.Language, Math.Max(whole.Confidence, first.Confidence)) : whole;
    }

    /// <summary>
    /// Whether the text is "other": the rules where their evidence is strong; else, when the rules saw nothing
    /// foreign and the folded n-gram model finds the text <see cref="FoldedNgramModel.Fit.IsTypical">typical</see>
    /// of kk, ru and en, not other (the model then chooses the language); else Lingua, which knows the
    /// look-alike languages. Asking Lingua only about atypical text is what makes the identifier fast: it
    /// costs some 50 times what the rest costs per text.
    /// </summary>
    private LanguageGuess RulesThenLingua(string clean, LanguageAnalysis analysis, FoldedNgramModel.Reading reading)
    {
        var rules = analysis.Guess;
        if (rules.Language == Language.Mixed || rules.Confidence >= TrustRules || analysis.Letters < MinLetters)
            return rules;
        // Lingua is asked about Cyrillic and Latin languages only: it has nothing to say about Chinese or Korean.
        if (analysis.CyrillicLetters + analysis.LatinLetters < MinLetters) return rules;
        var cyrillic = analysis.CyrillicLetters >= analysis.LatinLetters;
        // The models know no Latin-script Kazakh: what the rules read as Kazakh in Latin letters stays Kazakh.
        if (!cyrillic && rules.Language == Language.Kazakh) return rules;
        if (reading is { Whole: { } whole, Fit.IsTypical: true } && !analysis.Shares.ContainsKey(Language.Other)) return whole;
        var best = (cyrillic ? _cyrillic.Value : _latin.Value).ComputeLanguageConfidenceValues(clean).MaxBy(kv => kv.Value);
        if (best.Value <= 0) return rules;
        // Plain-ASCII text the model takes for Turkish or Azerbaijani: real Turkish and Azerbaijani are
        // written with ç ş ğ ı ö ü ə, while Kazakh typed on a phone keyboard ("Kesh kaldym, keshir") has
        // none of them, and the model has never seen Latin-script Kazakh.
        if (!cyrillic && best.Key is LinguaLanguage.Turkish or LinguaLanguage.Azerbaijani && IsPlainAscii(clean))
            return new LanguageGuess(Language.Kazakh, 0.5);
        var model = ToGuess(best);
        if (model.Language == rules.Language) return new LanguageGuess(model.Language, Math.Max(model.Confidence, rules.Confidence));
        return model.Confidence > rules.Confidence ? model : rules;
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
            if (c > '\u007F' && char.IsLetter(c)) return false;
        return true;
    }

    /// <summary>
    /// A Cyrillic clause with no Kazakh letter and no function word the rules know: kk or ru by the folded
    /// n-gram model when it is sure (posterior at least <see cref="ClauseCertainty"/>) and the clause is
    /// typical of kk and ru (this is what finds the Russian half of code-switched posts); otherwise unread.
    /// </summary>
    private Language? ReadClause(string clause)
    {
        var cyrillic = 0;
        foreach (var c in clause) if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
        if (cyrillic < LanguageIdentifier.MinClauseLetters) return null;
        return _ngrams.Guess(clause) is ({ Language: Language.Kazakh or Language.Russian } guess, { IsTypical: true }) && guess.Confidence >= ClauseCertainty
            ? guess.Language
            : null;
    }

    /// <summary>The folded n-gram model's posterior from which it names the language of a clause the rules cannot read.</summary>
    public const double ClauseCertainty = 0.9;

    /// <summary>Lingua's most likely language as our label (anything but kk, ru, en is other); null when it has no idea.</summary>
    internal static LanguageGuess? FromModel(LinguaDetector detector, string text)
    {
        var best = detector.ComputeLanguageConfidenceValues(text).MaxBy(kv => kv.Value);
        return best.Value <= 0 ? null : ToGuess(best);
    }

    private static LanguageGuess ToGuess(KeyValuePair<LinguaLanguage, double> best) => new(best.Key switch
    {
        LinguaLanguage.Kazakh => Language.Kazakh,
        LinguaLanguage.Russian => Language.Russian,
        LinguaLanguage.English => Language.English,
        _ => Language.Other,
    }, Math.Round(best.Value, 4));
}
