using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Annotation;

/// <summary>Issue 7: what each sampling strategy picks, and the diversity rules.</summary>
public sealed class AnnotationSamplerTests
{
    private static readonly IReadOnlyDictionary<Topic, double> Thresholds = LabelNames.Topics.All.ToDictionary(t => t, _ => 0.5);

    /// <summary>Scores whose intent margin is <paramref name="margin"/> (sentiment and topics sure), so the combined uncertainty is (1 − margin) / 3.</summary>
    private static PassageScores Scores(double margin, Intent intent = Intent.None)
    {
        var top = (float)((1 + margin) / 2);
        var intents = LabelNames.Intents.All.ToDictionary(i => i, _ => 0f);
        intents[intent] = top;
        intents[intent == Intent.None ? Intent.Discussion : Intent.None] = 1 - top;
        var sentiments = new Dictionary<Sentiment, float> { [Sentiment.Negative] = 0, [Sentiment.Neutral] = 1, [Sentiment.Positive] = 0 };
        var topics = LabelNames.Topics.All.ToDictionary(t => t, _ => 0f);
        return new PassageScores("m", intent, intents, [], topics, Sentiment.Neutral, sentiments);
    }

    /// <summary>A candidate whose uncertainty is that of <see cref="Scores"/>(<paramref name="margin"/>); its text is <see cref="TextOf"/>'s.</summary>
    private static SamplingCandidate C(long id, double margin, string source = "s1", string week = "2022-W01", Language language = Language.Russian,
        Intent intent = Intent.None) =>
        new(id, language, source, week, intent, UncertaintyScore.Of(Scores(margin, intent), Thresholds).Combined);

    private static string Distinct(long id) => $"Passage number {id} says something different about item {id * 7919} today";

    private static List<SamplingCandidate> Sample(IReadOnlyList<SamplingCandidate> candidates, SamplingStrategy strategy, int n, int seed,
        IReadOnlyDictionary<long, string>? texts = null, List<long>? asked = null) =>
        AnnotationSampler.Sample(candidates, strategy, n, seed, id =>
        {
            asked?.Add(id);
            return texts is not null && texts.TryGetValue(id, out var t) ? t : Distinct(id);
        }).ToList();

    [Fact]
    public void UncertaintyScore_CombinesMarginsAndTopicDistanceFromThreshold()
    {
        var s = Scores(0.4);
        var topics = s.TopicProbs.ToDictionary(kv => kv.Key, kv => kv.Value);
        topics[Topic.Jobs] = 0.35f;
        var parts = UncertaintyScore.Of(s with { TopicProbs = topics }, new Dictionary<Topic, double> { [Topic.Jobs] = 0.3 });
        Assert.Equal(0.6, parts.Intent, 6);
        Assert.Equal(0, parts.Sentiment, 6);
        Assert.Equal(1 - 0.05 / 0.7, parts.Topics, 5);   // |0.35 − 0.3| / max(0.3, 0.7)
        Assert.Equal((0.6 + 0 + (1 - 0.05 / 0.7)) / 3, parts.Combined, 5);
    }

    [Fact]
    public void Uncertainty_PicksLeastCertainFirst_SkippingNearCopies()
    {
        var copy = "Мы продали квартиру и подали документы на визу в Канаду, вылетаем в марте всей семьёй";
        var candidates = new[] { C(1, 0.9), C(2, 0.1), C(3, 0.05), C(4, 0.5), C(5, 0.3, source: "s2") };
        var asked = new List<long>();
        var picked = Sample(candidates, SamplingStrategy.Uncertainty, 3, 1, new Dictionary<long, string> { [2] = copy, [3] = copy + "!" }, asked);
        Assert.Equal([3L, 5L, 4L], picked.Select(p => p.PassageId));
        Assert.Equal((1 - 0.05) / 3, picked[0].Uncertainty, 5);
        Assert.Equal([3L, 2L, 5L, 4L], asked);   // texts are read only for the passages considered, most uncertain first
    }

    [Fact]
    public void Uncertainty_CapsSourcesAndWeeks_ThenFillsWithoutCaps()
    {
        // 10 very uncertain passages from one source and week, 10 less uncertain spread over five sources and weeks.
        var candidates = Enumerable.Range(1, 10).Select(i => C(i, 0.01 * i))
            .Concat(Enumerable.Range(11, 10).Select(i => C(i, 0.5 + 0.01 * i, source: $"s{i % 5 + 2}", week: $"2022-W{i % 5 + 10:D2}"))).ToList();
        var picked = Sample(candidates, SamplingStrategy.Uncertainty, 8, 1);
        // Caps for n = 8: source ⌈2⌉ = 2, week max(2, ⌈1.2⌉) = 2. Two from the crowded source and week, then the others.
        Assert.Equal(2, picked.Count(p => p.Source == "s1"));
        Assert.Equal(8, picked.Count);
        Assert.True(picked.GroupBy(p => p.Period).All(g => g.Count() <= 2));
        // A one-source store still fills the batch.
        var one = Sample(Enumerable.Range(1, 10).Select(i => C(i, 0.01 * i)).ToList(), SamplingStrategy.Uncertainty, 6, 1);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], one.Select(p => p.PassageId));
    }

    [Fact]
    public void Random_SameSeedSameBatch_OtherSeedOtherBatch()
    {
        var candidates = Enumerable.Range(1, 50).Select(i => C(i, 0.5)).ToList();
        var a = Sample(candidates, SamplingStrategy.Random, 10, 7).Select(p => p.PassageId).ToList();
        var b = Sample(candidates.AsEnumerable().Reverse().ToList(), SamplingStrategy.Random, 10, 7).Select(p => p.PassageId).ToList();
        var c = Sample(candidates, SamplingStrategy.Random, 10, 8).Select(p => p.PassageId).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(10, a.Distinct().Count());
    }

    [Fact]
    public void Stratified_TakesEveryLanguageAndPredictedIntentInTurn()
    {
        var candidates = Enumerable.Range(1, 40).Select(i => C(i, 0.9, language: Language.Russian, intent: Intent.None))
            .Concat(Enumerable.Range(41, 3).Select(i => C(i, 0.9, language: Language.Kazakh, intent: Intent.Planning)))
            .Concat(Enumerable.Range(44, 3).Select(i => C(i, 0.9, language: Language.English, intent: Intent.Departed))).ToList();
        var picked = Sample(candidates, SamplingStrategy.Stratified, 9, 1);
        Assert.Equal(9, picked.Count);
        Assert.Equal(3, picked.Count(p => p.Language == Language.Kazakh));
        Assert.Equal(3, picked.Count(p => p.Language == Language.English));
        Assert.Equal(3, picked.Count(p => p.Language == Language.Russian));
    }
}
