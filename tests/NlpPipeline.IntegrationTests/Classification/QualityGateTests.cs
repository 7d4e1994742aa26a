using System.Text.Json;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5's quality gate: the committed model, scored on the held-out test part, must stay at or above
/// every floor pinned in models/baseline.json (a floor may be raised, never lowered without a note in
/// the model card).
/// </summary>
[Collection(CommittedModelCollection.Name)]
public sealed class QualityGateTests(CommittedModelFixture model, ITestOutputHelper output)
{
    [Fact]
    public void Issue5_CommittedModel_HeldOutFiguresAtOrAboveBaselineFloors()
    {
        using var baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.ModelsDir, "baseline.json")));
        var evaluation = ModelEvaluation.Run(model.Bundle, model.Manifest.Version, model.Manifest.TrainingLabels, model.Test, resamples: 0);
        var figures = evaluation.System(HeldOutEvaluation.Model);
        var failures = new List<string>();
        var checkedFloors = 0;
        foreach (var scope in baseline.RootElement.GetProperty("floors").EnumerateObject())
        {
            var f = scope.Name == "all" ? figures.Overall : figures.ByLanguage[scope.Name];
            foreach (var floor in scope.Value.EnumerateObject())
            {
                var actual = Figure(f, floor.Name);
                checkedFloors++;
                output.WriteLine($"{scope.Name} {floor.Name}: {actual:0.000} (floor {floor.Value.GetDouble():0.000})");
                if (actual < floor.Value.GetDouble()) failures.Add($"{scope.Name} {floor.Name} {actual:0.000} < floor {floor.Value.GetDouble():0.000}");
            }
        }
        Assert.True(checkedFloors >= 6, "baseline.json pins too few floors");
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void Issue5_CommittedModel_ZipUnder25MegabytesAndCardNamedCardMd()
    {
        var zip = new FileInfo(Path.Combine(model.VersionDir, "model.zip"));
        Assert.InRange(zip.Length, 1, 25L * 1024 * 1024);
        Assert.True(File.Exists(Path.Combine(model.VersionDir, "card.md")));
        Assert.NotNull(model.Manifest.CrossValidation);
        Assert.NotNull(model.Manifest.HeldOut);
        Assert.NotNull(model.Manifest.HeldOutWithoutNeighbours);
    }

    [Fact]
    public void Issue5_CommittedModel_BeatsBothBaselinesOnEveryTask()
    {
        var e = ModelEvaluation.Run(model.Bundle, model.Manifest.Version, model.Manifest.TrainingLabels, model.Test, resamples: 0);
        var m = e.System(HeldOutEvaluation.Model).Overall;
        foreach (var baseline in new[] { HeldOutEvaluation.Majority, HeldOutEvaluation.Keyword })
        {
            var b = e.System(baseline).Overall;
            Assert.True(m.IntentMacroF1.Value > b.IntentMacroF1.Value + 0.1, $"intent vs {baseline}");
            Assert.True(m.SentimentMacroF1.Value > b.SentimentMacroF1.Value + 0.1, $"sentiment vs {baseline}");
            Assert.True(m.TopicMicroF1.Value > b.TopicMicroF1.Value, $"topics vs {baseline}");
        }
    }

    private static double Figure(Figures f, string name) => name switch
    {
        "intent_accuracy" => f.IntentAccuracy.Value,
        "intent_macro_f1" => f.IntentMacroF1.Value,
        "sentiment_accuracy" => f.SentimentAccuracy.Value,
        "sentiment_macro_f1" => f.SentimentMacroF1.Value,
        "topics_micro_f1" => f.TopicMicroF1.Value,
        "topics_macro_f1" => f.TopicMacroF1.Value,
        _ => throw new InvalidOperationException($"baseline.json names an unknown figure '{name}'"),
    };
}
