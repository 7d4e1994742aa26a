using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// A small model with the concept block (featurizer v3, configuration chosen-min3-concepts), fitted on a sixth of the
/// corpus's training part, saved as nlp train saves a model and loaded back: the lexicon travels with the model, the
/// direct scorer equals ML.NET's Transform, and an edited lexicon file is refused.
/// </summary>
public sealed class ConceptScoringTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SavedAndLoaded_Version3Model_CarriesItsLexicon_ScoredDirectlyAsTransform_EditedLexiconRefused()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var split = CorpusSplit.Assign(corpus);
        var test = corpus.Where(p => split[p.Id] == Split.Test).Take(300).ToList();
        var config = ClassifierConfig.Find("chosen-min3-concepts")!;
        var rows = ModelTrainer.Prepare(corpus.Where(p => split[p.Id] != Split.Test).Where((_, i) => i % 6 == 0));
        var ml = new MLContext(1);
        var fitted = ModelFitter.Fit(ml, rows, config);
        Assert.Same(ConceptLexicon.Default, fitted.Featurizer.Concepts);
        var committed = JsonSerializer.Deserialize<ModelManifest>(
            File.ReadAllText(Path.Combine(ModelRepository.ResolveVersionDirectory(Path.Combine(TestPaths.RepoRoot, "models")), ModelRepository.ManifestFile)), ModelManifest.Json)!;
        var manifest = committed with { Version = "20261129-concepttest", Featurizer = FeaturizerRecord.Of(fitted.Featurizer) };
        var models = _dir.File("models");
        var dir = ModelRepository.Save(new TrainedModel(ml, fitted.Transformer, fitted.InputSchema, fitted.Featurizer, manifest), models, makeCurrent: true);

        // The lexicon is saved beside model.zip, named by its SHA-256 in the manifest and the card.
        var saved = File.ReadAllBytes(Path.Combine(dir, ModelRepository.ConceptsFile));
        Assert.Equal(ConceptLexicon.Default.Bytes, saved);
        var (bundle, loaded) = ModelRepository.Load(models);
        Assert.Equal(3, loaded.Featurizer!.Version);
        Assert.Equal(ConceptLexicon.Default.Count, loaded.Featurizer.Concepts);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(saved)), loaded.Featurizer.ConceptsSha256);
        Assert.Contains(loaded.Featurizer.ConceptsSha256!, File.ReadAllText(Path.Combine(dir, ModelRepository.CardFile)));
        Assert.Equal(fitted.Featurizer.Dimension, bundle.Featurizer.Dimension);

        // The direct path equals ML.NET's Transform on real passages, and the loaded model scores as the fitted one.
        Assert.True(bundle.ScoresDirectly, bundle.ScoringPath);
        var texts = test.Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        var direct = bundle.Score(texts, "v");
        var reference = bundle.ScoreWithTransform(texts, "v");
        for (var i = 0; i < texts.Count; i++)
        {
            foreach (var label in LabelNames.Intents.All)
                Assert.True(Math.Abs(reference[i].IntentProbs[label] - direct[i].IntentProbs[label]) < 1e-4, $"#{i} {label}");
            foreach (var label in LabelNames.Sentiments.All)
                Assert.True(Math.Abs(reference[i].SentimentProbs[label] - direct[i].SentimentProbs[label]) < 1e-4, $"#{i} {label}");
            foreach (var topic in LabelNames.Topics.All)
                Assert.True(Math.Abs(reference[i].TopicProbs[topic] - direct[i].TopicProbs[topic]) < 1e-4, $"#{i} {topic}");
        }

        // Editing the lexicon file beside a trained model does not change how it scores: the load refuses it.
        File.WriteAllBytes(Path.Combine(dir, ModelRepository.ConceptsFile), [.. saved, .. "extra\tа\tб\tc\n"u8.ToArray()]);
        var refused = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(models));
        Assert.Contains("SHA-256", refused.Message);
    }
}
