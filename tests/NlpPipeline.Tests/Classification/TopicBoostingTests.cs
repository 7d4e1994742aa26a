using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The boosted-tree second stage of the topics (<see cref="TopicBoosting"/>, eighth round (b)): the layout of its inputs, the
/// flat trees read out of ML.NET's LightGBM model against ML.NET's own probabilities, an interaction a linear model cannot
/// express, and the inner out-of-fold choice of a setting.
/// </summary>
public sealed class TopicBoostingTests
{
    [Fact]
    public void Inputs_AreLaidOutInTheDocumentedOrder()
    {
        float[] topics = [0.2f, 0.9f, 0.5f];
        var x = TopicBoosting.Inputs(new TopicBoostingOptions(Concepts: true, Ranks: true), topics, [0.7f, 0.3f], [0.1f, 0.6f, 0.3f],
            [0f, 0.4f], SourceKind.Social, length: 99, sentences: 4);
        Assert.Equal(TopicBoosting.InputCount(new TopicBoostingOptions(true, true), 3, 2, 3, 2), x.Length);
        Assert.Equal(3 + 6 + 2 + 3 + 2 + 3 + 2, x.Length);
        Assert.Equal(topics, x[..3]);
        Assert.Equal([2f, 0f, 1f], x[3..6]);                       // ranks: 0.9 first, 0.5 second, 0.2 third
        Assert.Equal(0.7f, x[6], 6);                                // gap of 0.2 to 0.9
        Assert.Equal(0f, x[7]);
        Assert.Equal(0.4f, x[8], 6);
        Assert.Equal([0.7f, 0.3f, 0.1f, 0.6f, 0.3f], x[9..14]);
        Assert.Equal([0f, 0.4f], x[14..16]);
        Assert.Equal([0f, 1f, 0f], x[16..19]);                      // news, social, unknown
        Assert.Equal((float)Math.Log(100), x[19], 6);
        Assert.Equal(4f, x[20]);

        var plain = TopicBoosting.Inputs(new TopicBoostingOptions(Concepts: false), topics, [0.7f, 0.3f], [0.1f, 0.6f, 0.3f], [0f, 0.4f], null, 0, 1);
        Assert.Equal(3 + 2 + 3 + 3 + 2, plain.Length);
        Assert.Equal([0f, 0f, 1f], plain[8..11]);                   // kind unknown
        Assert.Equal(0f, plain[11]);
    }

    [Fact]
    public void Ranks_BreakTiesByTopicOrder()
    {
        var x = TopicBoosting.Inputs(new TopicBoostingOptions(Concepts: false, Ranks: true), [0.5f, 0.5f, 0.1f], [], [], [], null, 0, 1);
        Assert.Equal([0f, 1f, 2f], x[3..6]);
        Assert.Equal([0f, 0f, 0.4f], x[6..9]);
    }

    [Fact]
    public void Ensemble_ScoresAHandMadeTree()
    {
        // One tree: node 0 splits on x[1] ≤ 0.5 → node 1 (x[0] ≤ 2 → leaf 0, else leaf 1), else leaf 2. Weight 0.5, bias 0.1.
        var tree = new BoostedEnsemble.Tree(0.5, [1, 0], [0.5f, 2f], [1, ~0], [~2, ~1], [1.0, -2.0, 4.0]);
        var ensemble = new BoostedEnsemble(0.1, slope: -1, offset: 0, [tree]);
        Assert.Equal(0.1 + 0.5 * 1.0, ensemble.Score([2f, 0.5f]), 12);   // ≤ goes left at both nodes
        Assert.Equal(0.1 + 0.5 * -2.0, ensemble.Score([2.5f, 0f]), 12);
        Assert.Equal(0.1 + 0.5 * 4.0, ensemble.Score([0f, 0.6f]), 12);
        Assert.Equal(1 / (1 + Math.Exp(-2.1)), ensemble.Probability([0f, 0.6f]), 12);
    }

    [Fact]
    public void Ensemble_ReadFromLightGbm_GivesMlNetsProbabilities()
    {
        var (inputs, labels) = Xor(600, seed: 3);
        var ml = new MLContext(1);
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3);
        var view = ml.Data.LoadFromEnumerable(inputs.Select((x, i) => new Row { Features = x, Label = labels[i] }).ToList(), definition);
        var fitted = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 20, NumberOfIterations = 30, NumberOfThreads = 1, Seed = 1, Deterministic = true, Silent = true,
        }).Fit(view);
        var ours = BoostedEnsemble.From(fitted.Model);
        Assert.Equal(30, ours.Trees.Count);
        var theirs = fitted.Transform(view).GetColumn<float>("Probability").ToList();
        for (var i = 0; i < inputs.Length; i++) Assert.Equal(theirs[i], ours.Probability(inputs[i]), 5);
    }

    [Fact]
    public void Fit_LearnsAnInteraction()
    {
        // y = (x0 > 0.5) xor (x1 > 0.5): no linear model does better than chance; two-level trees separate it.
        var (inputs, labels) = Xor(800, seed: 5);
        var model = TopicBoosting.Fit(inputs, labels, Enumerable.Range(0, 600).ToList(), new BoostSettings(4, 20, 100, 0.1), seed: 1);
        var test = Enumerable.Range(600, 200).ToList();
        var correct = test.Count(i => model.Probability(inputs[i]) >= 0.5 == labels[i]);
        Assert.True(correct >= 190, $"{correct} of 200 right");
        // The same rows and seed give the same trees.
        var again = TopicBoosting.Fit(inputs, labels, Enumerable.Range(0, 600).ToList(), new BoostSettings(4, 20, 100, 0.1), seed: 1);
        Assert.Equal(model.Probability(inputs[700]), again.Probability(inputs[700]));
    }

    [Fact]
    public void Choose_PrefersTheSettingWithTheLowerInnerOutOfFoldLogLoss()
    {
        var (inputs, labels) = Xor(800, seed: 7);
        var fold = Enumerable.Range(0, 800).Select(i => i % 4).ToArray();
        // Setting 0 is one stump with a tiny step (close to the base rate); setting 1 can fit the interaction.
        BoostSettings[] grid = [new(2, 20, 1, 0.01), new(4, 20, 100, 0.1)];
        Assert.Equal(1, TopicBoosting.Choose(inputs, labels, Enumerable.Range(0, 800).ToList(), fold, seed: 1, grid));
        // Only the rows given take part: with a setting that cannot split (a leaf needs more rows than there are), the other wins.
        BoostSettings[] starved = [new(4, 20, 100, 0.1), new(4, 5000, 100, 0.1)];
        Assert.Equal(0, TopicBoosting.Choose(inputs, labels, Enumerable.Range(0, 800).ToList(), fold, seed: 1, starved));
    }

    [Fact]
    public void LogLoss_IsTheMeanNegativeLogLikelihood()
    {
        Assert.Equal((-Math.Log(0.8) - Math.Log(0.6)) / 2, TopicBoosting.LogLoss([0.8, 0.4], [true, false]), 12);
        Assert.Equal(-Math.Log(1e-9), TopicBoosting.LogLoss([0.0], [true]), 6);   // clamped, not infinite
    }

    [Fact]
    public void ConceptValues_AreTheFeaturizersConceptBlock()
    {
        var options = new HashedNgramOptions(Bits: 20, WordMax: 2, CharMin: 3, CharMax: 5) { ConceptWeight = 1 / MathF.Sqrt(2) };
        var only = TopicBoosting.ConceptsOnly(options)!;
        var lexicon = ConceptLexicon.Default;
        var term = lexicon.Concepts[0].Russian.Concat(lexicon.Concepts[0].English).First();
        var values = TopicBoosting.ConceptValues(only, $"вот {term} и всё");
        Assert.Equal(lexicon.Count, values.Length);
        Assert.True(values[0] > 0, $"concept 0 ({lexicon.Concepts[0].Name}) not hit by '{term}'");
        // The block is normalised on its own to the concept weight.
        Assert.Equal(1 / Math.Sqrt(2), Math.Sqrt(values.Sum(v => (double)v * v)), 5);
        Assert.Null(TopicBoosting.ConceptsOnly(options with { ConceptWeight = 0 }));
    }

    private static (float[][] Inputs, bool[] Labels) Xor(int n, int seed)
    {
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, n).Select(_ => new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() }).ToArray();
        return (inputs, inputs.Select(x => x[0] > 0.5 ^ x[1] > 0.5).ToArray());
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
