using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using LinguaBuilder = Lingua.LanguageDetectorBuilder;
using LinguaLanguage = Lingua.Language;

namespace NlpPipeline.Classification.Languages;

/// <summary>
/// Lingua alone, restricted to kk, ru and en (its recommended set-up for this region): the baseline the
/// hybrid identifier is measured against. It has no notion of mixed text or of Latin-script Kazakh.
/// </summary>
public sealed class LinguaLanguageIdentifier : ILanguageIdentifier
{
    private readonly Lingua.LanguageDetector _detector = LinguaBuilder
        .FromLanguages(LinguaLanguage.Kazakh, LinguaLanguage.Russian, LinguaLanguage.English).Build();

    public LanguageGuess Guess(string text) =>
        HybridLanguageIdentifier.FromModel(_detector, text) ?? new LanguageGuess(Language.Other, 0);
}
