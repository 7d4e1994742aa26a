using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Text;

/// <summary>A language label with the identifier's confidence in it, from 0 (a guess) to 1 (certain).</summary>
public readonly record struct LanguageGuess(Language Language, double Confidence);

/// <summary>
/// Anything that labels a text's language (LABELS.md): the rule-based <see cref="LanguageIdentifier"/>,
/// or a combination of it with a statistical model.
/// </summary>
public interface ILanguageIdentifier
{
    LanguageGuess Guess(string text);
}

/// <summary>
/// What the rules saw: characters per language over the clauses, letters by script, the weight of
/// the word evidence, and the resulting guess.
/// </summary>
public sealed record LanguageAnalysis(
    IReadOnlyDictionary<Language, double> Shares,
    int Letters,
    int CyrillicLetters,
    int LatinLetters,
    double Evidence,
    LanguageGuess Guess);
