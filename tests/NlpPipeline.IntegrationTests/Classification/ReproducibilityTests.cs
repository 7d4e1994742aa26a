using System.Text.Json;
using System.Text.Json.Nodes;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>Issue 5: the same corpus, options and seed give the same model, measured the same way.</summary>
public sealed class ReproducibilityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Issue5_TrainTwiceWithSameSeed_IdenticalMetricsThresholdsAndPredictions()
    {
        // Every sixth passage of the real corpus (by id), so the test stays quick but keeps every label.
        var corpus = _dir.File("corpus");
        Directory.CreateDirectory(corpus);
        var lines = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .OrderBy(l => JsonNode.Parse(l)!["id"]!.GetValue<string>(), StringComparer.Ordinal).Where((_, i) => i % 6 == 0).ToList();
        File.WriteAllLines(Path.Combine(corpus, "subset.jsonl"), lines);

        var manifests = new List<JsonObject>();
        var predictions = new List<string>();
        var input = _dir.File("in.jsonl");
        File.WriteAllText(input, "{\"id\": 1, \"text\": \"Думаю уехать в Германию, здесь зарплаты не растут.\"}\n{\"id\": 2, \"text\": \"Biz osynda qalamyz, eshqayda ketpeimiz.\"}\n");
        foreach (var run in new[] { "a", "b" })
        {
            var models = _dir.File("models-" + run);
            var r = await NlpCli.RunAsync("train", "--corpus", corpus, "--models", models, "--folds", "2", "--seed", "7");
            Assert.True(r.ExitCode == 0, r.Error);
            var version = File.ReadAllText(Path.Combine(models, "current")).Trim();
            manifests.Add(JsonNode.Parse(File.ReadAllText(Path.Combine(models, version, "manifest.json")))!.AsObject());
            var output = _dir.File($"out-{run}.jsonl");
            Assert.Equal(0, (await NlpCli.RunAsync("predict", "--in", input, "--out", output, "--model", models)).ExitCode);
            predictions.Add(File.ReadAllText(output));
        }
        foreach (var key in new[] { "version", "training_data_sha256", "topic_thresholds", "metrics", "held_out" })
            Assert.Equal(manifests[0][key]!.ToJsonString(), manifests[1][key]!.ToJsonString());
        var cv = manifests.Select(m => { var c = m["cross_validation"]!.AsObject(); c.Remove("seconds"); return c.ToJsonString(); }).ToList();
        Assert.Equal(cv[0], cv[1]);
        Assert.Equal(predictions[0], predictions[1]);
        Assert.True(manifests[0]["metrics"]!["intent"]!["accuracy"]!.GetValue<double>() > 0.3);
    }
}
