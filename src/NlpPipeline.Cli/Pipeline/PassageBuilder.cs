using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// The text pipeline every stored document goes through, fetched or imported: split into passages
/// (normalised, ≤ 1,500 characters), identify each passage's language, then the document's.
/// </summary>
internal sealed class PassageBuilder(PassageSplitter splitter, ILanguageIdentifier languages)
{
    /// <summary>The document's passages and language, or null when it has no text left after normalising.</summary>
    public (IReadOnlyList<Passage> Passages, LanguageGuess Language)? Build(Document document)
    {
        var passages = splitter.Split(document.Paragraphs)
            .Select((text, i) =>
            {
                var guess = languages.Guess(text);
                return new Passage(i, text, guess.Language, guess.Confidence);
            })
            .ToList();
        if (passages.Count == 0) return null;
        return (passages, LanguageIdentifier.GuessDocument(passages.Select(p => (p.Text, p.Language))));
    }
}
