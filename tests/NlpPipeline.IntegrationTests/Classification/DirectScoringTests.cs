using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5 (speed): <c>nlp classify</c> scores with the learners' weights read out of model.zip
/// (<see cref="ModelBundle.Score"/>, the direct path); it must give exactly what ML.NET's batch Transform gives
/// (<see cref="ModelBundle.ScoreWithTransform"/>, the reference): every probability within 1e-5 and the same labels.
/// </summary>
[Collection(CommittedModelCollection.Name)]
public sealed class DirectScoringTests(CommittedModelFixture model, ITestOutputHelper output)
{
    [Fact]
    public void CommittedModel_IsScoredDirectly()
    {
        Assert.True(model.Bundle.ScoresDirectly, model.Bundle.ScoringPath);
        Assert.StartsWith("direct: 20 linear learners", model.Bundle.ScoringPath);
    }

    [Fact]
    public void CommittedModel_DirectScoresEqualTransform_OnTheWholeTestPart()
    {
        var texts = model.Test.Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        Assert.True(texts.Count > 1000, $"{texts.Count} test passages");
        var worst = AssertSame(model.Bundle.ScoreWithTransform(texts, "v"), model.Bundle.Score(texts, "v"));
        output.WriteLine($"{texts.Count} passages; largest probability difference {worst:G3}");
    }

    /// <summary>
    /// The faster text preparation (masking expressions skipped when they cannot match, white space collapsed in one
    /// pass) gives the committed model's training text unchanged: the hash over every prepared corpus passage is the
    /// one its manifest recorded.
    /// </summary>
    [Fact]
    public void PreparedText_OfTheWholeCorpus_HashesAsTheCommittedModelRecorded()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        Assert.NotNull(model.Manifest.PreparedTextSha256);
        Assert.Equal(model.Manifest.PreparedTextSha256, ModelTrainer.PreparedTextHash(corpus));
    }

    /// <summary>
    /// The direct path featurizes without sorting (<c>FeaturizeUnordered</c>); over every corpus passage its features
    /// are the sorted ones the model was trained on, in another order: the same indices, each value within the
    /// rounding of a norm summed in another order (and nearly always bit for bit the same).
    /// </summary>
    [Fact]
    public void UnorderedFeatures_OfTheWholeCorpus_AreTheTrainingFeaturesInAnotherOrder()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var featurizer = model.Bundle.Featurizer;
        var languages = new LanguageIdentifier();
        VBuffer<float> sorted = default;
        var (exact, features) = (0, 0L);
        foreach (var passage in corpus)
        {
            var text = ClassifierText.Prepare(passage.Text, languages);
            featurizer.Featurize(text, passage.SourceKind, ref sorted);
            var (indices, values) = featurizer.FeaturizeUnordered(text, passage.SourceKind);
            var order = indices.ToArray().Zip(values.ToArray()).OrderBy(p => p.First).ToArray();
            Assert.Equal(sorted.GetIndices().ToArray(), order.Select(p => p.First).ToArray());
            var expected = sorted.GetValues().ToArray();
            for (var i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - order[i].Second) <= 1e-6f * expected[i], $"passage {passage.Id}: {expected[i]} against {order[i].Second}");
            if (expected.SequenceEqual(order.Select(p => p.Second))) exact++;
            features += expected.Length;
        }
        output.WriteLine($"{corpus.Count} passages, {features} features; {exact} passages bit for bit the same");
        Assert.True(exact >= corpus.Count * 0.99, $"{exact} of {corpus.Count} passages bit for bit");
    }

    [Fact]
    public void DirectScores_DoNotDependOnTheNumberOfThreads()
    {
        var texts = model.Test.Take(700).Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        AssertSame(model.Bundle.WithParallelism(1).Score(texts, "v"), model.Bundle.WithParallelism(3).Score(texts, "v"), tolerance: 0);
    }

    /// <summary>
    /// Every learner <see cref="ClassifierConfig"/> can choose, fitted on a small part of the corpus, saved and loaded
    /// as model.zip is: the direct path reads it (one-versus-all with Platt calibration, SDCA and L-BFGS maximum
    /// entropy, calibrated logistic regression) and gives the reference's outputs.
    /// </summary>
    [Theory]
    [InlineData(TrainerKind.AveragedPerceptron)]
    [InlineData(TrainerKind.LinearSvm)]
    [InlineData(TrainerKind.Sdca)]
    [InlineData(TrainerKind.Lbfgs)]
    public void EveryTrainerKind_IsReadAndScoresAsTransform(TrainerKind kind)
    {
        var (ml, loaded, fitted) = SmallModel(kind);
        var bundle = Bundle(ml, loaded, fitted.Featurizer);
        Assert.True(bundle.ScoresDirectly, bundle.ScoringPath);
        var texts = model.Test.Take(400).Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        var worst = AssertSame(bundle.ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"));
        output.WriteLine($"{kind}: largest probability difference {worst:G3}");
        // The freshly fitted chain (what nlp train evaluates before saving) is read too.
        Assert.True(Bundle(ml, fitted.Transformer, fitted.Featurizer).ScoresDirectly);
    }

    /// <summary>
    /// Topic learners trained on Naive-Bayes-scaled features (and the mean of several learners) are saved as plain linear
    /// predictors with the scale folded in: read directly, scored as ML.NET's Transform scores them, before and after saving.
    /// </summary>
    [Theory]
    [InlineData("topics-nb")]
    [InlineData("topics-nb-mean3")]
    [InlineData("fifth-round")]   // the ratios with the source-kind block (featurizer v2)
    [InlineData("chosen")]   // and with Kazakh letters folded and the concept block read by the topic learners (featurizer v3)
    [InlineData("nbsvm-c1")]   // the dual coordinate descent SVM on the scaled features
    public void NaiveBayesTopicModels_AreReadAndScoreAsTransform(string configName)
    {
        var config = ClassifierConfig.Find(configName) ?? throw new InvalidOperationException(configName);
        var (ml, loaded, fitted) = SmallModel(config);
        Assert.Equal(LabelNames.Topics.All.Count, fitted.TopicScorers.Count);
        var texts = model.Test.Take(400).Select((p, i) => new ScoringInput(p.Text, i % 3 == 2 ? null : p.SourceKind)).ToList();
        var bundle = Bundle(ml, loaded, fitted.Featurizer);
        Assert.True(bundle.ScoresDirectly, bundle.ScoringPath);
        var worst = AssertSame(bundle.ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"));
        output.WriteLine($"{configName}: largest probability difference {worst:G3}");
        var fresh = Bundle(ml, fitted.Transformer, fitted.Featurizer);
        Assert.True(fresh.ScoresDirectly, fresh.ScoringPath);
        AssertSame(fresh.ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"));
    }

    /// <summary>
    /// Stacked topics (<see cref="TopicStacking"/>) are folded into one linear predictor per topic under a fixed sigmoid: the
    /// saved model's topic probabilities are σ(Σ_s a_ts·logit p_s + c_t) of the unstacked model fitted with the same seed,
    /// and the direct scorer reads it and scores it as ML.NET's Transform does, before and after saving.
    /// </summary>
    [Fact]
    public void StackedTopicModels_FoldIntoLinearModels_AndScoreAsTransform()
    {
        var config = ClassifierConfig.Chosen with { StackTopics = 1 };
        var rows = SmallRows();
        var n = LabelNames.Topics.All.Count;
        // Any coefficients will do: each topic mostly itself, a little of two others, and an intercept.
        var betas = Enumerable.Range(0, n).Select(t => Enumerable.Range(0, n + 1)
            .Select(s => s == n ? -0.2 : s == t ? 0.9 : s == (t + 1) % n ? 0.15 : s == (t + 5) % n ? -0.1 : 0).ToArray()).ToList();
        var first = ModelFitter.Fit(new MLContext(1), rows, config);
        var ml = new MLContext(1);
        var stacked = ModelFitter.Fit(ml, rows, config, topicStacking: betas);
        var texts = model.Test.Take(300).Select((p, i) => new ScoringInput(p.Text, i % 3 == 2 ? null : p.SourceKind)).ToList();
        var prepared = texts.Select(t => (ClassifierText.Prepare(t.Text, new LanguageIdentifier()), t.Kind)).ToList();
        var raw = ModelFitter.TopicScores(new MLContext(1), first, prepared);
        var outputs = ModelFitter.Predict(ml, stacked, prepared);
        var worst = 0.0;
        for (var i = 0; i < texts.Count; i++)
        {
            var logits = raw[i].Select((s, t) => TopicStacking.Logit(first.TopicSigmoids![t], s)).ToArray();
            for (var t = 0; t < n; t++)
                worst = Math.Max(worst, Math.Abs(TopicStacking.Probability(betas[t], logits) - outputs[i].TopicProbs[t]));
        }
        output.WriteLine($"stacked against the second stage computed by hand: largest difference {worst:G3}");
        Assert.True(worst < 1e-5, $"largest difference {worst}");
        using var zip = new MemoryStream();
        ml.Model.Save(stacked.Transformer, stacked.InputSchema, zip);
        zip.Position = 0;
        var bundle = Bundle(ml, ml.Model.Load(zip, out _), stacked.Featurizer);
        Assert.True(bundle.ScoresDirectly, bundle.ScoringPath);
        AssertSame(bundle.ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"));
        AssertSame(Bundle(ml, stacked.Transformer, stacked.Featurizer).ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"));
    }

    [Fact]
    public void ModelWithATransformTheReaderDoesNotKnow_FallsBackToTransform_AndSaysWhy()
    {
        var (ml, loaded, fitted) = SmallModel(TrainerKind.AveragedPerceptron);
        var chain = (TransformerChain<ITransformer>)loaded;
        var definition = SchemaDefinition.Create(typeof(ModelInput));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, fitted.Featurizer.Dimension);
        var languages = new LanguageIdentifier();
        var probe = ml.Data.LoadFromEnumerable(model.Test.Take(20).Select(p => new ModelInput { Features = fitted.Featurizer.Featurize(ClassifierText.Prepare(p.Text, languages), p.SourceKind) }).ToList(), definition);
        var extra = ml.Transforms.NormalizeMinMax("Features").Fit(probe);
        var altered = new TransformerChain<ITransformer>([extra, .. chain]);
        var bundle = Bundle(ml, altered, fitted.Featurizer);
        Assert.False(bundle.ScoresDirectly);
        Assert.StartsWith("ML.NET batch Transform (the direct path cannot score this model: it has a NormalizingTransformer", bundle.ScoringPath);
        var texts = model.Test.Take(50).Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        AssertSame(bundle.ScoreWithTransform(texts, "v"), bundle.Score(texts, "v"), tolerance: 0);
    }

    private (MLContext Ml, ITransformer Loaded, FittedModel Fitted) SmallModel(TrainerKind kind) =>
        SmallModel(ClassifierConfig.Chosen with { Intent = new(kind, 0.01f), Sentiment = new(kind, 0.01f), Topics = new(kind, 0.01f), TopicNaiveBayes = null });

    /// <summary>Every sixth training passage of the corpus, prepared.</summary>
    private static List<TrainingRow> SmallRows() => TrainingSample.EveryNth(6).Rows;

    private (MLContext Ml, ITransformer Loaded, FittedModel Fitted) SmallModel(ClassifierConfig config)
    {
        var rows = SmallRows();
        var ml = new MLContext(1);
        var fitted = ModelFitter.Fit(ml, rows, config);
        using var zip = new MemoryStream();
        ml.Model.Save(fitted.Transformer, fitted.InputSchema, zip);
        zip.Position = 0;
        return (ml, ml.Model.Load(zip, out _), fitted);
    }

    private static ModelBundle Bundle(MLContext ml, ITransformer transformer, NlpPipeline.Classification.Features.HashedNgramFeaturizer featurizer) =>
        new(ml, transformer, featurizer, LabelNames.Intents.Names, LabelNames.Sentiments.Names, LabelNames.Topics.Names,
            LabelNames.Topics.Names.ToDictionary(t => t, _ => 0.5));

    /// <summary>Same labels, every probability and the sentiment score within <paramref name="tolerance"/>; returns the largest difference.</summary>
    private static double AssertSame(IReadOnlyList<PassageScores> expected, IReadOnlyList<PassageScores> actual, double tolerance = ModelBundle.Tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        var worst = 0.0;
        void Close<T>(IReadOnlyDictionary<T, float> e, IReadOnlyDictionary<T, float> a, int i) where T : notnull
        {
            Assert.Equal(e.Keys.ToHashSet(), a.Keys.ToHashSet());
            foreach (var (label, p) in e)
            {
                var d = Math.Abs(p - a[label]);
                worst = Math.Max(worst, d);
                Assert.True(d <= tolerance, $"passage {i}, {label}: {p} against {a[label]}");
            }
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Intent, a.Intent);
            Assert.Equal(e.Sentiment, a.Sentiment);
            Assert.Equal(e.Topics, a.Topics);
            Close(e.IntentProbs, a.IntentProbs, i);
            Close(e.SentimentProbs, a.SentimentProbs, i);
            Close(e.TopicProbs, a.TopicProbs, i);
            Assert.True(Math.Abs(e.SentimentScore - a.SentimentScore) <= tolerance * 2, $"passage {i}: sentiment score {e.SentimentScore} against {a.SentimentScore}");
        }
        return worst;
    }
}
