using System.Text;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Annotation;

public sealed class BatchFileWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nlp-batch-" + Guid.NewGuid().ToString("N")[..8]);

    public BatchFileWriterTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static BatchRow Row(long id, string text) => new(4, id, text, Language.Russian, SourceKind.Social, "vk-dump",
        new DateTimeOffset(2022, 1, 5, 10, 0, 0, TimeSpan.FromHours(6)),
        new PassageScores("m1", Intent.Planning, LabelNames.Intents.All.ToDictionary(i => i, i => i == Intent.Planning ? 0.55f : 0.09f),
            [Topic.Jobs, Topic.Corruption], LabelNames.Topics.All.ToDictionary(t => t, _ => 0.6f), Sentiment.Negative,
            new Dictionary<Sentiment, float> { [Sentiment.Negative] = 0.7f, [Sentiment.Neutral] = 0.2f, [Sentiment.Positive] = 0.1f }), 0.42);

    [Fact]
    public async Task WriteCsv_BomHeaderCrlfQuoting_AndFilledCopyReadsBack()
    {
        var path = Path.Combine(_dir, "b.csv");
        await BatchFileWriter.WriteCsvAsync(path, [Row(101, "Подали документы, \"ждём\"\nответа"), Row(102, "Короткий текст")]);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("id,text,intent,topics,sentiment,note,pred_intent,pred_intent_confidence,pred_topics,pred_sentiment,pred_sentiment_confidence,uncertainty,language,source,published,batch\r\n", text);
        Assert.Contains("101,\"Подали документы, \"\"ждём\"\"\nответа\",,,,,planning,0.550,jobs; corruption,negative,0.700,0.420,ru,vk-dump,2022-01-05,4\r\n", text);

        // The annotator fills the label columns; the file reads back with the batch number.
        File.WriteAllText(path, text.Replace("101,\"Подали документы, \"\"ждём\"\"\nответа\",,,,", "101,\"Подали документы, \"\"ждём\"\"\nответа\",planning,jobs,negative,")
            .Replace("102,Короткий текст,,,,", "102,Короткий текст,none,,neutral,"), new UTF8Encoding(true));
        var file = AnnotationFileReader.Read(path);
        Assert.Equal(4, file.Batch);
        Assert.Equal([("101", Intent.Planning), ("102", Intent.None)], file.Rows.Select(r => (r.Id, r.Intent)));
    }

    [Fact]
    public async Task WriteJsonLines_LabelsFormatWithEmptyLabels()
    {
        var path = Path.Combine(_dir, "b.jsonl");
        await BatchFileWriter.WriteJsonLinesAsync(path, [Row(7, "Текст")]);
        var line = File.ReadAllLines(path).Single();
        Assert.StartsWith("{\"id\":\"7\",\"text\":\"Текст\",\"language\":\"ru\",\"intent\":\"\",\"topics\":[],\"sentiment\":\"\",\"source_kind\":\"social\",\"annotator\":\"\"", line);
        Assert.Contains("\"batch\":4", line);
        Assert.Equal(1, AnnotationFileReader.Read(path).Unlabelled);
    }

    [Theory]
    [InlineData("+7 701 555 12 34 звоните", "'+7 701 555 12 34 звоните")]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("- уехали все", "'- уехали все")]
    [InlineData("Обычный текст", "Обычный текст")]
    public void Inert_FormulaLikeCellsGetAnApostrophe(string cell, string expected) => Assert.Equal(expected, BatchFileWriter.Inert(cell));
}
