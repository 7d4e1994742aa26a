using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using LinguaDetector = Lingua.LanguageDetector;
using LinguaBuilder = Lingua.LanguageDetectorBuilder;
using LinguaLanguage = Lingua.Language;

namespace NlpPipeline.Classification.Languages;

/// <summary>
/// Language identification that knows Kazakh: the project's rules decide when their evidence is
/// strong (Kazakh-only letters, function words, Latin-script Kazakh, code-switching, which no
/// off-the-shelf detector handles), and the Lingua n-gram models decide the rest: short or
/// letter-poor Cyrillic text (kk or ru, or Ukrainian / Mongolian → other) and Latin text that the rules
/// do not take for Kazakh (en, or Turkish / German / Azerbaijani → other). Thread-safe; Lingua's
/// models load on first use.
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
        .FromLanguages(LinguaLanguage.Kazakh, LinguaLanguage.Russian, LinguaLanguage.Ukrainian, LinguaLanguage.Mongolian).Build());
    private readonly Lazy<LinguaDetector> _latin = new(() => LinguaBuilder
        .FromLanguages(LinguaLanguage.English, LinguaLanguage.Turkish, LinguaLanguage.German, LinguaLanguage.Azerbaijani).Build());

    public LanguageGuess Guess(string text)
    {
        var analysis = _rules.Analyze(text);
        var rules = analysis.Guess;
        if (rules.Language == Language.Mixed || rules.Confidence >= TrustRules || analysis.Letters < MinLetters)
            return rules;
        var cyrillic = analysis.CyrillicLetters >= analysis.LatinLetters;
        // The models know no Latin-script Kazakh: what the rules read as Kazakh in Latin letters stays Kazakh.
        if (!cyrillic && rules.Language == Language.Kazakh) return rules;
        var model = FromModel(cyrillic ? _cyrillic.Value : _latin.Value, TextMasks.Apply(text, tokens: false));
        if (model is not { } m) return rules;
        if (m.Language == rules.Language) return new LanguageGuess(m.Language, Math.Max(m.Confidence, rules.Confidence));
        return m.Confidence > rules.Confidence ? m : rules;
    }

    private static LanguageGuess? FromModel(LinguaDetector detector, string text)
    {
        var best = detector.ComputeLanguageConfidenceValues(text).MaxBy(kv => kv.Value);
        if (best.Value <= 0) return null;
        var language = best.Key switch
        {
            LinguaLanguage.Kazakh => Language.Kazakh,
            LinguaLanguage.Russian => Language.Russian,
            LinguaLanguage.English => Language.English,
            _ => Language.Other,
        };
        return new LanguageGuess(language, Math.Round(best.Value, 4));
    }
}
