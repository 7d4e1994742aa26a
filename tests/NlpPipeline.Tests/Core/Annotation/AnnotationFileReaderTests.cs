using System.Text;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Annotation;

/// <summary>Issue 7: labelled batch files as spreadsheets save them, checked whole, with line numbers.</summary>
public sealed class AnnotationFileReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nlp-annot-" + Guid.NewGuid().ToString("N")[..8]);

    public AnnotationFileReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    [Fact]
    public void Read_LibreOfficeSemicolonCsvWithBomAndCrlf_ReadsLabelsIgnoringCaseAndSpaces()
    {
        var path = Write("batch.csv",
            "id;text;intent;topics;sentiment;note;pred_intent;language;batch\r\n" +
            "11;\"Думаю уехать; здесь \"\"тупик\"\"\r\nвторая строка\";Considering ;\"jobs; Wages_Prices\";negative;;none;ru;3\r\n" +
            "12;Текст;;;;;none;ru;3\r\n" +
            "13;Text;none;;NEUTRAL;checked twice;none;en;3\r\n", bom: true);
        var file = AnnotationFileReader.Read(path);
        Assert.Equal(3, file.Batch);
        Assert.Equal(1, file.Unlabelled);
        Assert.Equal(2, file.Rows.Count);
        var first = file.Rows[0];
        Assert.Equal(("11", 2, Intent.Considering, Sentiment.Negative), (first.Id, first.Line, first.Intent, first.Sentiment));
        Assert.Equal([Topic.Jobs, Topic.WagesPrices], first.Topics);
        Assert.Equal(Language.Russian, first.Language);
        Assert.Equal(5, file.Rows[1].Line);   // the quoted line break moves the next records down
        Assert.Empty(file.Rows[1].Topics);
        Assert.Equal("checked twice", file.Rows[1].Note);
        Assert.Matches("^[0-9a-f]{64}$", file.Sha256);
    }

    [Fact]
    public void Read_BadRows_ReportsEveryProblemWithItsLineNumber()
    {
        var path = Write("bad.csv",
            "id,intent,topics,sentiment\n" +
            "1,planing,jobs,negative\n" +
            "2,none,wages prices,neutral\n" +
            "3,none,,\n" +
            "1,none,,neutral\n" +
            ",none,,neutral\n");
        var ex = Assert.Throws<AnnotationFileException>(() => AnnotationFileReader.Read(path));
        Assert.Contains((2, "unknown intent 'planing' (expected one of: none, discussion, considering, planning, departed, staying)"), ex.Problems);
        Assert.Contains((3, "unknown topic 'wages prices': did you mean 'wages_prices'?"), ex.Problems);
        Assert.Contains(ex.Problems, p => p.Line == 4 && p.Message.StartsWith("sentiment is empty"));
        Assert.Contains((5, "passage id '1' appears again (first on line 2)"), ex.Problems);
        Assert.Contains((6, "the id cell is empty"), ex.Problems);
        Assert.Contains("nothing was stored", ex.Message);
        Assert.Contains("bad.csv:3:", ex.Message);
    }

    [Fact]
    public void Read_MissingColumnAndNotUtf8_AreRejected()
    {
        var noTopics = Write("cols.csv", "id,intent,sentiment\n1,none,neutral\n");
        Assert.Contains("lacks column(s) topics", Assert.Throws<AnnotationFileException>(() => AnnotationFileReader.Read(noTopics)).Message);
        var path = Path.Combine(_dir, "cp1251.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("id,intent,topics,sentiment\n1,none,,neutral,"), 0xCF, 0xF0, 0xE8]);
        Assert.Contains("not UTF-8", Assert.Throws<AnnotationFileException>(() => AnnotationFileReader.Read(path)).Message);
    }

    [Fact]
    public void Read_JsonLinesInLabelsFormat_ReadsArraysAndSkipsEmptyLabels()
    {
        var path = Write("batch.jsonl",
            "{\"id\": \"7\", \"text\": \"t\", \"language\": \"kk\", \"intent\": \"planning\", \"topics\": [\"jobs\"], \"sentiment\": \"negative\", \"source_kind\": \"social\", \"annotator\": \"\", \"batch\": 2}\n" +
            "{\"id\": \"8\", \"text\": \"t\", \"language\": \"kk\", \"intent\": \"\", \"topics\": [], \"sentiment\": \"\", \"batch\": 2}\n" +
            "{\"id\": 9, \"intent\": \"none\", \"topics\": [], \"sentiment\": \"neutral\", \"batch\": 2}\n");
        var file = AnnotationFileReader.Read(path);
        Assert.Equal(2, file.Batch);
        Assert.Equal(["7", "9"], file.Rows.Select(r => r.Id));
        Assert.Equal([Topic.Jobs], file.Rows[0].Topics);
        Assert.Equal(1, file.Unlabelled);
        var broken = Write("broken.jsonl", "{\"id\": \"7\", \"intent\": \"none\", \"topics\": [], \"sentiment\": \"neutral\"}\n{\"id\": \"8\", \"intent\": \"none\"\n");
        Assert.Contains(Assert.Throws<AnnotationFileException>(() => AnnotationFileReader.Read(broken)).Problems, p => p.Line == 2 && p.Message.StartsWith("invalid JSON"));
    }

    [Fact]
    public void Read_RowsOfTwoBatches_Rejected()
    {
        var path = Write("two.csv", "id,intent,topics,sentiment,batch\n1,none,,neutral,1\n2,none,,neutral,2\n");
        Assert.Contains("2 different batches", Assert.Throws<AnnotationFileException>(() => AnnotationFileReader.Read(path)).Message);
    }
}
