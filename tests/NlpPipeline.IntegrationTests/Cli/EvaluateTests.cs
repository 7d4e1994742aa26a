using System.Text.Json;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp evaluate` with the committed model: tables, JSON with intervals and baselines, and bad input.</summary>
public sealed class EvaluateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Models => Path.Combine(TestPaths.RepoRoot, "models");

    [Fact]
    public async Task Evaluate_AnnotatedFile_PrintsTablesAndWritesJsonWithIntervalsAndBaselines()
    {
        var test = _dir.File("test.jsonl");
        var lines = File.ReadLines(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated", "ru.jsonl")).Take(40)
            .Concat(File.ReadLines(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated", "kk.jsonl")).Take(40)).ToList();
        File.WriteAllLines(test, lines);
        var json = _dir.File("metrics.json");
        var r = await NlpCli.RunAsync("evaluate", "--test", test, "--model", Models, "--out", json, "--resamples", "200");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("80 passages; 95 % intervals from 200 bootstrap resamples", r.Output);
        Assert.Matches(@"\| model \| all \| 80 \| \d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\)", r.Output);
        Assert.Contains("| keyword | ru | 40 |", r.Output);
        Assert.Contains("Intent confusion of the model", r.Output);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(80, root.GetProperty("passages").GetInt32());
        Assert.Equal(["model", "majority", "keyword"], root.GetProperty("systems").EnumerateArray().Select(s => s.GetProperty("system").GetString()));
        foreach (var system in root.GetProperty("systems").EnumerateArray())
        {
            var f1 = system.GetProperty("overall").GetProperty("intent_macro_f1");
            Assert.InRange(f1.GetProperty("value").GetDouble(), f1.GetProperty("low").GetDouble(), f1.GetProperty("high").GetDouble());
            Assert.Equal(["kk", "ru"], system.GetProperty("by_language").EnumerateObject().Select(p => p.Name));
        }
        var confusion = root.GetProperty("intent_confusion").GetProperty("counts").EnumerateArray().SelectMany(row => row.EnumerateArray()).Sum(c => c.GetInt32());
        Assert.Equal(80, confusion);
        var majority = root.GetProperty("systems")[1].GetProperty("overall");
        Assert.Equal(0, majority.GetProperty("topic_micro_f1").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Evaluate_SameInputTwice_SameJson()
    {
        var test = _dir.File("test.jsonl");
        File.WriteAllLines(test, File.ReadLines(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated", "en.jsonl")).Take(30));
        await NlpCli.RunAsync("evaluate", "--test", test, "--model", Models, "--out", _dir.File("a.json"), "--resamples", "100");
        await NlpCli.RunAsync("evaluate", "--test", test, "--model", Models, "--out", _dir.File("b.json"), "--resamples", "100");
        Assert.Equal(File.ReadAllText(_dir.File("a.json")), File.ReadAllText(_dir.File("b.json")));
    }

    [Fact]
    public async Task Evaluate_UnknownLabel_FailsNamingTheLineAndWritesNothing()
    {
        var test = _dir.File("bad.jsonl");
        File.WriteAllLines(test,
        [
            File.ReadLines(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated", "en.jsonl")).First(),
            "{\"id\": \"x-1\", \"text\": \"Some text\", \"language\": \"en\", \"intent\": \"leaving\", \"topics\": [], \"sentiment\": \"neutral\", \"source_kind\": \"news\", \"annotator\": \"a1\"}",
        ]);
        var r = await NlpCli.RunAsync("evaluate", "--test", test, "--model", Models, "--out", _dir.File("m.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(":2", r.Error);
        Assert.False(File.Exists(_dir.File("m.json")));
    }

    [Fact]
    public async Task Evaluate_MissingFile_Fails()
    {
        var r = await NlpCli.RunAsync("evaluate", "--test", _dir.File("nope.jsonl"), "--model", Models);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not found", r.Error);
    }
}
