using System.Text.Json;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>`nlp train` → model folder with manifest and card → `nlp predict`, the batch contract other tools rely on.</summary>
[Collection(ModelCollection.Name)]
public sealed class TrainPredictTests(TrainedModelFixture model) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Intents = ["none", "discussion", "considering", "planning", "departed", "staying"];
    private static readonly string[] Topics = ["corruption", "governance", "jobs", "wages_prices", "inequality", "education",
        "human_rights", "security", "ethnic_tension", "language_policy", "uncertainty"];

    [Fact]
    public void Train_WritesVersionFolderWithManifestCardAndCurrentPointer()
    {
        var version = File.ReadAllText(Path.Combine(model.ModelsDir, "current")).Trim();
        var dir = Path.Combine(model.ModelsDir, version);
        Assert.True(File.Exists(Path.Combine(dir, "model.zip")));
        Assert.True(File.Exists(Path.Combine(dir, "card.md")));
        var card = File.ReadAllText(Path.Combine(dir, "card.md"));
        Assert.Contains("Training data SHA-256", card);
        Assert.Contains("Cross-validation on the training part (2 folds", card);
        Assert.Contains("| keyword | all |", card);
        Assert.Contains("| majority | all |", card);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var m = manifest.RootElement;
        Assert.Equal(version, m.GetProperty("version").GetString());
        Assert.Matches("^[0-9a-f]{64}$", m.GetProperty("training_data_sha256").GetString());
        Assert.Equal(Intents, m.GetProperty("intent_labels").EnumerateArray().Select(e => e.GetString()));
        var split = m.GetProperty("corpus").GetProperty("by_split");
        var test = split.GetProperty("test").GetInt32();
        Assert.True(test >= 50, "the held-out split should have a citable size");
        Assert.Equal(m.GetProperty("corpus").GetProperty("passages").GetInt32(), split.GetProperty("training").GetInt32() + test);
        var metrics = m.GetProperty("metrics");
        Assert.Equal(test, metrics.GetProperty("test_passages").GetInt32());
        var intentAccuracy = metrics.GetProperty("intent").GetProperty("accuracy").GetDouble();
        // Far above the majority-class rate (about 0.3 for "none"): the model learned something.
        Assert.InRange(intentAccuracy, 0.45, 1.0);
        Assert.InRange(metrics.GetProperty("sentiment").GetProperty("accuracy").GetDouble(), 0.45, 1.0);
        Assert.Equal(Topics.Order(), metrics.GetProperty("topics").GetProperty("per_label").EnumerateObject().Select(p => p.Name).Order());
        // The same evaluation without the test passages that retell a training passage: fewer passages, every figure recorded.
        var distinct = m.GetProperty("held_out_without_neighbours");
        Assert.Equal(0.2, distinct.GetProperty("threshold").GetDouble());
        var leftOut = distinct.GetProperty("left_out").GetInt32();
        Assert.InRange(leftOut, 1, test - 50);
        Assert.Equal(test - leftOut, distinct.GetProperty("evaluation").GetProperty("passages").GetInt32());
        Assert.Contains("## Held-out test part without close training neighbours", card);
        Assert.Contains($"The {test - leftOut} test passages whose words", card);
        Assert.Contains("Model " + version + " saved", model.TrainResult.Output);
        Assert.Contains($"held-out test: {test} passages", model.TrainResult.Output);
    }

    [Fact]
    public async Task Predict_JsonLines_OneLinePerInputInOrderWithEveryLabelsProbability()
    {
        var input = _dir.File("in.jsonl");
        File.WriteAllLines(input,
        [
            "{\"id\": \"p-1\", \"text\": \"Мы уже подали документы на канадскую визу, квартиру выставили на продажу.\", \"extra\": true}",
            "{\"id\": 2, \"text\": \"Бүгін Алматыда қар жауды, жолдарда кептеліс.\"}",
            "",
            "{\"id\": \"p-3\", \"text\": \"Two years in Prague now and no regrets: salaries here are fair and nobody asks for bribes.\"}",
        ]);
        var output = _dir.File("out.jsonl");
        var r = await NlpCli.RunAsync("predict", "--in", input, "--out", output, "--model", model.ModelsDir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Wrote 3 prediction(s)", r.Output);

        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("p-1", lines[0].GetProperty("id").GetString());
        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Equal("p-3", lines[2].GetProperty("id").GetString());
        Assert.Equal(["ru", "kk", "en"], lines.Select(l => l.GetProperty("language").GetString()));
        foreach (var l in lines)
        {
            Assert.Equal(["id", "language", "intent", "intent_probs", "topics", "topic_probs", "sentiment", "sentiment_probs", "sentiment_score"],
                l.EnumerateObject().Select(p => p.Name));
            var intentProbs = l.GetProperty("intent_probs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(Intents, intentProbs.Keys);
            Assert.InRange(intentProbs.Values.Sum(), 0.9999, 1.0001);
            Assert.Equal(intentProbs.MaxBy(kv => kv.Value).Key, l.GetProperty("intent").GetString());
            Assert.Equal(Topics, l.GetProperty("topic_probs").EnumerateObject().Select(p => p.Name));
            var sentiment = l.GetProperty("sentiment_probs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(["negative", "neutral", "positive"], sentiment.Keys);
            Assert.InRange(Math.Abs(sentiment["positive"] - sentiment["negative"] - l.GetProperty("sentiment_score").GetDouble()), 0, 2e-6);
            Assert.All(l.GetProperty("topics").EnumerateArray(), t => Assert.Contains(t.GetString(), Topics));
        }
    }

    [Fact]
    public async Task Predict_SameInputTwice_GivesIdenticalOutput()
    {
        var input = _dir.File("in.jsonl");
        File.WriteAllText(input, "{\"id\": 1, \"text\": \"Думаю уехать в Германию, здесь зарплаты не растут.\"}\n");
        await NlpCli.RunAsync("predict", "--in", input, "--out", _dir.File("a.jsonl"), "--model", model.ModelsDir);
        await NlpCli.RunAsync("predict", "--in", input, "--out", _dir.File("b.jsonl"), "--model", model.ModelsDir);
        Assert.Equal(File.ReadAllText(_dir.File("a.jsonl")), File.ReadAllText(_dir.File("b.jsonl")));
    }
}
