using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Classification.Training;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// A small model with source-kind features (featurizer v2: kind bias and kind × word unigrams, the kind hidden for a
/// share of training passages), fitted on a sixth of the corpus's training part, saved as nlp train saves a model and
/// loaded back; shared by <see cref="SourceKindScoringTests"/>.
/// </summary>
public sealed class KindModelFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public KindModelFixture()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var split = CorpusSplit.Assign(corpus);
        Test = corpus.Where(p => split[p.Id] == Split.Test).ToList();
        Config = ClassifierConfig.Find("kind-words-hide20")!;
        var rows = ModelTrainer.Prepare(corpus.Where(p => split[p.Id] != Split.Test).Where((_, i) => i % 6 == 0));
        var ml = new MLContext(1);
        var fitted = ModelFitter.Fit(ml, rows, Config);
        var committed = JsonSerializer.Deserialize<ModelManifest>(
            File.ReadAllText(Path.Combine(ModelRepository.ResolveVersionDirectory(Path.Combine(TestPaths.RepoRoot, "models")), ModelRepository.ManifestFile)), ModelManifest.Json)!;
        var manifest = committed with { Version = "20261129-kindtest", Featurizer = FeaturizerRecord.Of(fitted.Featurizer) };
        ModelsDir = _dir.File("models");
        ModelRepository.Save(new TrainedModel(ml, fitted.Transformer, fitted.InputSchema, fitted.Featurizer, manifest), ModelsDir, makeCurrent: true);
        (Bundle, Manifest) = ModelRepository.Load(ModelsDir);
    }

    public ClassifierConfig Config { get; }
    public string ModelsDir { get; }
    public ModelBundle Bundle { get; }
    public ModelManifest Manifest { get; }
    public IReadOnlyList<AnnotatedPassage> Test { get; }

    public void Dispose() => _dir.Dispose();
}

public sealed class SourceKindScoringTests(KindModelFixture model) : IClassFixture<KindModelFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Shared = "Елден кету туралы ойланып жүрмін, жұмыс жоқ, баға өсіп жатыр.";

    [Fact]
    public void SavedAndLoaded_Version2Model_ReadsTheKind_AndIsScoredDirectlyAsTransform()
    {
        Assert.Equal(2, model.Manifest.Featurizer!.Version);
        Assert.Equal(NlpPipeline.Classification.Features.SourceKindFeatures.BiasAndWords, model.Manifest.Featurizer.Options.SourceKind);
        Assert.True(model.Manifest.Featurizer.KindWordSlots > 0);
        Assert.True(model.Bundle.ReadsSourceKind);
        Assert.True(model.Bundle.ScoresDirectly, model.Bundle.ScoringPath);
        foreach (var kind in new SourceKind?[] { SourceKind.News, SourceKind.Social, null })
        {
            var texts = model.Test.Take(300).Select(p => new ScoringInput(p.Text, kind)).ToList();
            var direct = model.Bundle.Score(texts, "v");
            var reference = model.Bundle.ScoreWithTransform(texts, "v");
            for (var i = 0; i < texts.Count; i++)
                foreach (var label in LabelNames.Intents.All)
                    Assert.True(Math.Abs(reference[i].IntentProbs[label] - direct[i].IntentProbs[label]) < 1e-4,
                        $"{kind} #{i} {label}: {reference[i].IntentProbs[label]} vs {direct[i].IntentProbs[label]}; {texts[i].Text}");
        }
    }

    [Fact]
    public void SameText_OfNewsSocialAndUnknownKind_GetsKindSpecificScores()
    {
        var scores = model.Bundle.Score([new(Shared, SourceKind.News), new(Shared, SourceKind.Social), ScoringInput.OfUnknownKind(Shared)], "v");
        var sentiment = scores.Select(s => LabelNames.Sentiments.All.Select(l => s.SentimentProbs[l]).ToArray()).ToList();
        Assert.NotEqual(sentiment[0], sentiment[1]);
        Assert.NotEqual(sentiment[0], sentiment[2]);
        Assert.NotEqual(sentiment[1], sentiment[2]);
    }

    /// <summary>
    /// nlp classify (and the nightly run, reclassify, annotation sampling, which classify through it) scores each stored
    /// passage with its source's kind: the same text in a news document and in a social post gets the scores of that kind.
    /// </summary>
    [Fact]
    public void ScoringRunner_SameTextFromNewsAndSocialSources_ScoredWithEachSourcesKind()
    {
        using var db = NlpDatabase.Open(_dir.File("nlp.db"));
        var runs = new RunStore(db);
        runs.UpsertSource(new Source("outlet", "Outlet", SourceType.Feed, new Uri("https://outlet.example/rss"), null, SourceKind.News));
        runs.UpsertSource(new Source("channel", "Channel", SourceType.Telegram, new Uri("https://t.me/s/channel"), null, SourceKind.Social));
        var docs = new DocumentStore(db);
        var ids = new Dictionary<string, long>();
        void Save(string source, string other)
        {
            var url = new Uri($"https://{source}.example/1");
            var at = new DateTimeOffset(2022, 1, 5, 10, 0, 0, TimeSpan.FromHours(6));
            var document = new Document(url, url, source, at, at, source, [Shared, other]);
            var outcome = docs.Save(document, [new Passage(0, Shared, Language.Kazakh, 1), new Passage(1, other, Language.Russian, 1)], new LanguageGuess(Language.Kazakh, 1), null);
            Assert.Equal(SaveStatus.New, outcome.Status);
            ids[source] = (long)SqliteRows.Query(db.Path, $"SELECT id FROM passages WHERE document_id = {outcome.DocumentId} AND ordinal = 0").Single()["id"]!;
        }
        Save("outlet", "Акимат сообщил о ремонте дорог в трёх районах города до конца лета, работы уже начались на главной улице.");
        Save("channel", "Сегодня снова очереди в ЦОНе, люди стоят с шести утра, а окна открывают только два, всё как обычно у нас.");

        var unscored = new PredictionStore(db).NextUnscored(model.Manifest.Version, 10);
        Assert.Equal(SourceKind.News, unscored.Single(p => p.PassageId == ids["outlet"]).Kind);
        Assert.Equal(SourceKind.Social, unscored.Single(p => p.PassageId == ids["channel"]).Kind);

        Assert.Equal(4, new ScoringRunner(NullLogger<ScoringRunner>.Instance).ScoreUnscored(db, model.Bundle, model.Manifest, CancellationToken.None));
        var stored = SqliteRows.Query(db.Path, "SELECT passage_id, sentiment_probs FROM predictions")
            .ToDictionary(r => (long)r["passage_id"]!, r => JsonSerializer.Deserialize<Dictionary<string, double>>((string)r["sentiment_probs"]!)!);
        var expected = model.Bundle.Score([new(Shared, SourceKind.News), new(Shared, SourceKind.Social)], "v");
        foreach (var (source, e) in new[] { ("outlet", expected[0]), ("channel", expected[1]) })
            foreach (var label in LabelNames.Sentiments.All)
                Assert.True(Math.Abs(e.SentimentProbs[label] - stored[ids[source]][label.ToWire()]) < 2e-6, $"{source} {label}");
        Assert.NotEqual(stored[ids["outlet"]]["negative"], stored[ids["channel"]]["negative"]);
    }

    /// <summary>nlp predict reads an optional source_kind per line: news and social as given, no field as unknown; any other value is refused.</summary>
    [Fact]
    public async Task Predict_ReadsOptionalSourceKind_AndRefusesAnUnknownOne()
    {
        var input = _dir.File("in.jsonl");
        var text = JsonSerializer.Serialize(Shared);
        File.WriteAllLines(input, [$"{{\"id\": 1, \"text\": {text}, \"source_kind\": \"news\"}}", $"{{\"id\": 2, \"text\": {text}, \"source_kind\": \"social\"}}",
            $"{{\"id\": 3, \"text\": {text}}}"]);
        var output = _dir.File("out.jsonl");
        var r = await NlpCli.RunAsync("predict", "--in", input, "--out", output, "--model", model.ModelsDir);
        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expected = model.Bundle.Score([new(Shared, SourceKind.News), new(Shared, SourceKind.Social), ScoringInput.OfUnknownKind(Shared)], "v");
        for (var i = 0; i < 3; i++)
            Assert.True(Math.Abs(expected[i].SentimentScore - lines[i].GetProperty("sentiment_score").GetDouble()) < 2e-6, $"line {i + 1}");

        File.WriteAllText(input, $"{{\"id\": 1, \"text\": {text}, \"source_kind\": \"blog\"}}\n");
        var bad = await NlpCli.RunAsync("predict", "--in", input, "--out", _dir.File("bad.jsonl"), "--model", model.ModelsDir);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("source_kind", bad.Error);
        Assert.False(File.Exists(_dir.File("bad.jsonl")));
    }

    /// <summary>nlp evaluate scores each test passage with its corpus record's kind: flipping the kinds changes the model's figures, not the baselines'.</summary>
    [Fact]
    public void Evaluation_ReadsEachPassagesSourceKind()
    {
        var test = model.Test.Take(600).ToList();
        var flipped = test.Select(p => p with { SourceKind = p.SourceKind == SourceKind.News ? SourceKind.Social : SourceKind.News }).ToList();
        var asRecorded = ModelEvaluation.Run(model.Bundle, model.Manifest.Version, model.Manifest.TrainingLabels, test, 50, 1);
        var asFlipped = ModelEvaluation.Run(model.Bundle, model.Manifest.Version, model.Manifest.TrainingLabels, flipped, 50, 1);
        string Figures(HeldOutEvaluation e, string system) => JsonSerializer.Serialize(e.System(system), ModelManifest.Json);
        Assert.Equal(Figures(asRecorded, HeldOutEvaluation.Keyword), Figures(asFlipped, HeldOutEvaluation.Keyword));
        Assert.NotEqual(Figures(asRecorded, HeldOutEvaluation.Model), Figures(asFlipped, HeldOutEvaluation.Model));
    }

    /// <summary>The share of training passages whose kind is hidden is fixed by the text (the same in every run and fold) and near the configured share.</summary>
    [Fact]
    public void HiddenKindShare_IsFixedByTheText_AndNearTheConfiguredShare()
    {
        var rows = ModelTrainer.Prepare(model.Test);
        var hidden = rows.Count(r => ModelFitter.SeenKind(r, model.Config) is null);
        Assert.InRange(hidden, rows.Count * 0.15, rows.Count * 0.25);
        Assert.All(rows, r => Assert.Equal(ModelFitter.SeenKind(r, model.Config), ModelFitter.SeenKind(r with { }, model.Config)));
        Assert.All(rows, r => Assert.Equal(r.Kind, ModelFitter.SeenKind(r, model.Config with { HiddenKindShare = 0 })));
    }
}
