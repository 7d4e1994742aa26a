using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Corpora;

public sealed class SecondAnnotationReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nlp-second-").FullName;
    private static readonly HashSet<string> CorpusIds = ["kk-0001", "ru-0002", "en-0003"];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Validate_ValidFile_ReadsLabelsNoteAndAnnotator()
    {
        var path = Write("a31.jsonl",
            """{"id": "kk-0001", "intent": "planning", "topics": ["jobs", "wages_prices", "jobs"], "sentiment": "negative", "annotator": "a31", "note": "сарказм?"}""",
            "",
            """{"id": "en-0003", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a31", "text": "ignored"}""");

        var v = SecondAnnotationReader.Validate([path], CorpusIds);

        Assert.Empty(v.Errors);
        var file = Assert.Single(v.Files);
        Assert.Equal("a31", file.Name);
        Assert.Equal(["a31"], file.Annotators);
        Assert.Equal(["kk-0001", "en-0003"], file.Lines.Select(l => l.Id));
        var first = file.Lines[0];
        Assert.Equal((Intent.Planning, Sentiment.Negative), (first.Intent, first.Sentiment));
        Assert.Equal([Topic.Jobs, Topic.WagesPrices], first.Topics);
        Assert.Equal("сарказм?", first.Note);
        Assert.Null(file.Lines[1].Note);
    }

    [Fact]
    public void Validate_TopicsOnlyFile_ReadsTopicsWithoutIntentOrSentiment()
    {
        var path = Write("first.jsonl",
            """{"id": "kk-0001", "topics": ["uncertainty", "jobs"], "annotator": "b1"}""",
            """{"id": "ru-0002", "topics": [], "annotator": "b2", "note": "a report"}""");

        var v = SecondAnnotationReader.Validate([path], CorpusIds);

        Assert.Empty(v.Errors);
        var file = Assert.Single(v.Files);
        Assert.Equal(LabelTasks.Topics, file.Tasks);
        Assert.Equal(["b1", "b2"], file.Annotators);
        Assert.All(file.Lines, l => Assert.Equal((null, null), (l.Intent, l.Sentiment)));
        Assert.Equal([Topic.Uncertainty, Topic.Jobs], file.Lines[0].Topics);
        Assert.Equal("a report", file.Lines[1].Note);
    }

    [Fact]
    public void Validate_SentimentOnlyFile_ReadsSentimentWithoutIntentOrTopics()
    {
        var path = Write("sent-first.jsonl",
            """{"id": "kk-0001", "sentiment": "negative", "annotator": "b49"}""",
            """{"id": "en-0003", "sentiment": "positive", "annotator": "b50"}""");

        var v = SecondAnnotationReader.Validate([path], CorpusIds);

        Assert.Empty(v.Errors);
        var file = Assert.Single(v.Files);
        Assert.Equal(LabelTasks.Sentiment, file.Tasks);
        Assert.All(file.Lines, l => Assert.Equal((null, null), (l.Intent, l.Topics)));
        Assert.Equal([Sentiment.Negative, Sentiment.Positive], file.Lines.Select(l => l.Sentiment!.Value));
    }

    [Fact]
    public void Validate_LinesGivingOtherLabelsThanTheFirst_ReportsEachWithBothLines()
    {
        var path = Write("mixed.jsonl",
            """{"id": "kk-0001", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a31"}""",
            """{"id": "ru-0002", "topics": ["jobs"], "annotator": "a31"}""",
            """{"id": "en-0003", "intent": "none", "topics": [], "annotator": "a31"}""");
        var topicsFirst = Write("topics-first.jsonl",
            """{"id": "kk-0001", "topics": [], "annotator": "b1"}""",
            """{"id": "ru-0002", "sentiment": "neutral", "annotator": "b1"}""",
            """{"id": "en-0003", "annotator": "b1", "note": "no labels"}""");

        var v = SecondAnnotationReader.Validate([path, topicsFirst], CorpusIds);

        var errors = v.Errors.Select(e => (Path.GetFileName(e.Path), e.Line, e.Message)).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Equal(("mixed.jsonl", 2), (errors[0].Item1, errors[0].Line));
        Assert.Contains("missing field 'intent' (line 1 labels intent, topics, sentiment", errors[0].Message);
        Assert.Equal(("mixed.jsonl", 3), (errors[1].Item1, errors[1].Line));
        Assert.Contains("missing field 'sentiment' (line 1 labels intent, topics, sentiment", errors[1].Message);
        Assert.Equal(("topics-first.jsonl", 2), (errors[2].Item1, errors[2].Line));
        Assert.Contains("labels sentiment, but line 1 labels topics", errors[2].Message);
        Assert.Equal(("topics-first.jsonl", 3), (errors[3].Item1, errors[3].Line));
        Assert.Contains("no labels: give at least one of intent, topics, sentiment", errors[3].Message);
        Assert.Equal(["kk-0001"], v.Files[0].Lines.Select(l => l.Id));
        Assert.Equal(["kk-0001"], v.Files[1].Lines.Select(l => l.Id));
    }

    [Fact]
    public void Validate_BadLines_ReportsEveryOneWithFileAndLine()
    {
        const string ok = """{"id": "ID", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a32"}""";
        var path = Write("a32.jsonl",
            ok.Replace("ID", "kk-0001"),
            "{\"id\": \"ru-0002\", \"intent\": ",
            ok.Replace("ID", "ru-0002").Replace("\"none\"", "\"leaving\""),
            ok.Replace("ID", "ru-0002").Replace(", \"annotator\": \"a32\"", ""),
            ok.Replace("ID", "xx-9999"),
            ok.Replace("ID", "kk-0001"),
            ok.Replace("ID", "en-0003").Replace("[]", "[\"money\"]"));

        var v = SecondAnnotationReader.Validate([path], CorpusIds);

        var messages = v.Errors.Select(e => e.Message).ToList();
        Assert.Equal(6, messages.Count);
        Assert.All(v.Errors, e => Assert.Equal(path, e.Path));
        Assert.Equal([2, 3, 4, 5, 6, 7], v.Errors.Select(e => e.Line));
        Assert.Contains("a32.jsonl:2: invalid JSON", messages[0]);
        Assert.Contains("a32.jsonl:3: unknown intent label 'leaving'", messages[1]);
        Assert.Contains("a32.jsonl:4: missing field 'annotator'", messages[2]);
        Assert.Contains("a32.jsonl:5: id 'xx-9999' is not a passage of the annotated corpus", messages[3]);
        Assert.Contains("a32.jsonl:6: duplicate id 'kk-0001' (first on line 1)", messages[4]);
        Assert.Contains("a32.jsonl:7: unknown topic label", messages[5]);
    }

    [Fact]
    public void Validate_SameIdInTwoFiles_IsNoErrorAndSameFileNamesFallBackToPaths()
    {
        const string line = """{"id": "ru-0002", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a31"}""";
        var first = Write(Path.Combine("round1", "a31.jsonl"), line);
        var second = Write(Path.Combine("round2", "a31.jsonl"), line);
        var third = Write("a33.jsonl", line.Replace("a31", "a33"));

        var v = SecondAnnotationReader.Validate([first, second, third], CorpusIds);

        Assert.Empty(v.Errors);
        Assert.Equal([first, second, "a33"], v.Files.Select(f => f.Name));
    }

    [Fact]
    public void Validate_EmptyFile_IsAnError()
    {
        var path = Write("empty.jsonl", "", "  ");
        var v = SecondAnnotationReader.Validate([path], CorpusIds);
        Assert.Contains("holds no labelled passages", Assert.Single(v.Errors).Message);
    }

    [Fact]
    public void Validate_MissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => SecondAnnotationReader.Validate([Path.Combine(_dir, "nope.jsonl")], CorpusIds));
    }
}
