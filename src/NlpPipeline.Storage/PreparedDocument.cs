using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Storage;

/// <summary>
/// A document with what storing it needs computed from its text alone: the joined text, its content hash, its word
/// 4-shingles and their LSH band keys. Making one touches no database, so it can be done on another thread than the one
/// writing (<see cref="DocumentStore.SaveAll"/> does, and ingest's workers do before they take the writer's lock).
/// </summary>
public sealed class PreparedDocument
{
    private PreparedDocument(Document document, IReadOnlyList<Passage> passages, LanguageGuess language)
    {
        if (passages.Count == 0) throw new ArgumentException("A document needs at least one passage.", nameof(passages));
        Document = document;
        Passages = passages;
        Language = language;
        Text = document.Text;   // joined from the paragraphs on every read: once here
        var features = TextNormalizer.ForFeatures(Text);
        Hash = ContentHash.OfFeatureText(features);
        Shingles = NearDuplicates.ShingleFeatureText(features);
        Keys = NearDuplicates.BandKeys(Shingles);
    }

    public static PreparedDocument Of(Document document, IReadOnlyList<Passage> passages, LanguageGuess language) => new(document, passages, language);

    public Document Document { get; }
    public IReadOnlyList<Passage> Passages { get; }
    public LanguageGuess Language { get; }
    public string Text { get; }
    public string Hash { get; }
    public ShingleSet Shingles { get; }
    public IReadOnlyList<long> Keys { get; }
}
