using System.Text;
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
        // The texts as SQLite stores them, encoded here rather than by the writer (which binds the bytes): the text, then
        // each passage's, in one array.
        var ends = new int[passages.Count + 1];
        var length = ends[0] = Encoding.UTF8.GetByteCount(Text);
        for (var i = 0; i < passages.Count; i++) ends[i + 1] = length += Encoding.UTF8.GetByteCount(passages[i].Text);
        var utf8 = new byte[length];
        var at = Encoding.UTF8.GetBytes(Text, utf8);
        for (var i = 0; i < passages.Count; i++) at += Encoding.UTF8.GetBytes(passages[i].Text, utf8.AsSpan(at));
        (_utf8, _utf8Ends) = (utf8, ends);
    }

    private readonly byte[] _utf8;
    private readonly int[] _utf8Ends;

    /// <summary><see cref="Text"/> in UTF-8 (lone surrogates replaced as <see cref="Encoding.UTF8"/> and SQLite's string
    /// binding replace them).</summary>
    internal ReadOnlySpan<byte> TextUtf8 => _utf8.AsSpan(0, _utf8Ends[0]);

    /// <summary>The text of passage <paramref name="index"/> (of <see cref="Passages"/>) in UTF-8.</summary>
    internal ReadOnlySpan<byte> PassageUtf8(int index) => _utf8.AsSpan(_utf8Ends[index], _utf8Ends[index + 1] - _utf8Ends[index]);

    public static PreparedDocument Of(Document document, IReadOnlyList<Passage> passages, LanguageGuess language) => new(document, passages, language);

    public Document Document { get; }
    public IReadOnlyList<Passage> Passages { get; }
    public LanguageGuess Language { get; }
    public string Text { get; }
    public string Hash { get; }
    public ShingleSet Shingles { get; }
    public IReadOnlyList<long> Keys { get; }
}
