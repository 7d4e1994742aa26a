using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Corpora;

public sealed class AnnotatedCorpusReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nlp-corpus-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(string id, string intent = "considering", string topics = "\"jobs\"", string extra = "") =>
        $$"""{"id": "{{id}}", "text": "Шетелге кетуді ойлап жүрмін.", "language": "kk", "intent": "{{intent}}", "topics": [{{topics}}], "sentiment": "negative", "source_kind": "social", "annotator": "a1"{{extra}}}""";

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ReadFile_ValidFile_ParsesEveryField()
    {
        var path = Write("kk.jsonl",
            """{"id": "kk-0001", "text": "  Жалақы\u00A0өте   аз,\nкетеміз.", "language": "kk", "intent": "planning", "topics": ["wages_prices", "jobs", "wages_prices"], "sentiment": "negative", "source_kind": "social", "annotator": "a1", "note": "sarcasm?"}""",
            "",
            """{"id": "en-0001", "text": "We stay.", "language": "en", "intent": "staying", "topics": [], "sentiment": "positive", "source_kind": "news", "annotator": "a2"}""");

        var passages = AnnotatedCorpusReader.ReadFile(path);

        Assert.Equal(2, passages.Count);
        var p = passages[0];
        Assert.Equal("kk-0001", p.Id);
        Assert.Equal("Жалақы өте аз, кетеміз.", p.Text);
        Assert.Equal(Language.Kazakh, p.Language);
        Assert.Equal(Intent.Planning, p.Intent);
        Assert.Equal([Topic.WagesPrices, Topic.Jobs], p.Topics);
        Assert.Equal(Sentiment.Negative, p.Sentiment);
        Assert.Equal(SourceKind.Social, p.SourceKind);
        Assert.Equal("a1", p.Annotator);
        Assert.Equal("sarcasm?", p.Note);
        Assert.Equal((Intent.Staying, SourceKind.News, (string?)null), (passages[1].Intent, passages[1].SourceKind, passages[1].Note));
        Assert.Empty(passages[1].Topics);
    }

    [Theory]
    [InlineData("{\"id\": \"x-2\", \"text\": ", "invalid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "none", "topics": [], "source_kind": "news", "annotator": "a1"}""", "missing field 'sentiment'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "thinking", "topics": [], "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "unknown intent label 'thinking'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "Considering", "topics": [], "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "unknown intent label 'Considering'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "none", "topics": ["economy"], "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "unknown topic label 'economy'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kz", "intent": "none", "topics": [], "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "unknown language label 'kz'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "none", "topics": [], "sentiment": "neutral", "source_kind": "blog", "annotator": "a1"}""", "unknown source_kind label 'blog'")]
    [InlineData("""{"id": "x-2", "text": "Мәтін", "language": "kk", "intent": "none", "topics": "jobs", "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "'topics' must be an array")]
    [InlineData("""{"id": "x-2", "text": "  ", "language": "kk", "intent": "none", "topics": [], "sentiment": "neutral", "source_kind": "news", "annotator": "a1"}""", "'text' must be a non-empty string")]
    public void ReadFile_BadThirdLine_ThrowsWithLine3(string badLine, string message)
    {
        var path = Write("bad.jsonl", Line("x-0"), Line("x-1"), badLine, Line("x-3"));
        var ex = Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFile(path));
        Assert.Equal(3, ex.Line);
        Assert.Equal(path, ex.Path);
        Assert.Contains(message, ex.Message);
        Assert.StartsWith($"{path}:3: ", ex.Message);
    }

    [Fact]
    public void ReadFile_BlankLinesBeforeError_CountedInLineNumber()
    {
        var path = Write("blank.jsonl", Line("x-0"), "", "   ", Line("x-1", intent: "leaving"));
        Assert.Equal(4, Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFile(path)).Line);
    }

    [Fact]
    public void ReadFile_DuplicateId_ThrowsAtSecondOccurrence()
    {
        var path = Write("dup.jsonl", Line("x-0"), Line("x-1"), Line("x-2"), Line("x-1"));
        var ex = Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFile(path));
        Assert.Equal(4, ex.Line);
        Assert.Contains("duplicate id 'x-1'", ex.Message);
    }

    [Fact]
    public void ReadFolder_ValidFiles_ReadInNameOrder()
    {
        Write("b.jsonl", Line("b-1"), Line("b-2"));
        Write("a.jsonl", Line("a-1"));
        Write("ignored.txt", "not a corpus");
        var passages = AnnotatedCorpusReader.ReadFolder(_dir);
        Assert.Equal(["a-1", "b-1", "b-2"], passages.Select(p => p.Id));
    }

    [Fact]
    public void ReadFolder_IdUsedInTwoFiles_ThrowsNamingSecondFileAndLine()
    {
        var first = Write("a.jsonl", Line("a-1"), Line("shared-7"));
        var second = Write("b.jsonl", Line("b-1"), Line("b-2"), Line("shared-7"));
        var ex = Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFolder(_dir));
        Assert.Equal(second, ex.Path);
        Assert.Equal(3, ex.Line);
        Assert.Contains("'shared-7'", ex.Message);
        Assert.Contains(first, ex.Message);
    }

    [Theory]
    [InlineData("same story as \\\"a-1\\\"")]   // escaped quotes in JSON: not a match
    [InlineData("a-1")]                                   // the id itself as the note's value
    public void ReadFolder_IdUsedInTwoFilesAndMentionedInEarlierNote_LineIsTheDuplicate(string note)
    {
        Write("a.jsonl", Line("a-1"));
        var second = Write("b.jsonl", Line("b-1", extra: $", \"note\": \"{note}\""), Line("a-1"));
        var ex = Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFolder(_dir));
        Assert.Equal(second, ex.Path);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void ReadFolder_OneBadFile_ThrowsAndReturnsNothing()
    {
        Write("a.jsonl", Line("a-1"), Line("a-2"));
        var bad = Write("b.jsonl", Line("b-1"), Line("b-2", topics: "\"jobs\", \"weather\""));
        var ex = Assert.Throws<CorpusFormatException>(() => AnnotatedCorpusReader.ReadFolder(_dir));
        Assert.Equal(bad, ex.Path);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void ReadFolder_MissingOrEmptyFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => AnnotatedCorpusReader.ReadFolder(Path.Combine(_dir, "absent")));
        Assert.Throws<FileNotFoundException>(() => AnnotatedCorpusReader.ReadFolder(_dir));
    }
}
