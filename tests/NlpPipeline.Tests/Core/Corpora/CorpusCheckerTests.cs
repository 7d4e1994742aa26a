using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Corpora;

public sealed class CorpusCheckerTests
{
    private static AnnotatedPassage P(string id, string text, Language language = Language.Russian, Intent intent = Intent.None,
        Sentiment sentiment = Sentiment.Neutral, params Topic[] topics) =>
        new(id, text, language, intent, topics, sentiment, SourceKind.Social, "a1", null);

    [Fact]
    public void Measure_CountsLabelsPerLanguage()
    {
        var stats = CorpusChecker.Measure(
        [
            P("r1", "Цены опять выросли, зарплата нет.", intent: Intent.None, sentiment: Sentiment.Negative, topics: [Topic.WagesPrices]),
            P("r2", "Думаем уехать в Германию к лету.", intent: Intent.Considering, sentiment: Sentiment.Negative, topics: [Topic.WagesPrices, Topic.Jobs]),
            P("k1", "Біз ешқайда кетпейміз.", Language.Kazakh, Intent.Staying, Sentiment.Positive),
        ]);
        Assert.Equal(3, stats.Passages);
        var ru = stats.ByLanguage[Language.Russian];
        Assert.Equal(2, ru.Passages);
        Assert.Equal(1, ru.Intents[Intent.Considering]);
        Assert.Equal(2, ru.Topics[Topic.WagesPrices]);
        Assert.Equal(1, ru.Topics[Topic.Jobs]);
        Assert.Equal(2, ru.Sentiments[Sentiment.Negative]);
        Assert.Equal(1, stats.ByLanguage[Language.Kazakh].Intents[Intent.Staying]);
        Assert.Equal(2, ru.Splits.Values.Sum());
    }

    [Fact]
    public void Measure_SameTextUpToCaseAndPunctuation_IsAnExactDuplicate()
    {
        var stats = CorpusChecker.Measure([P("a", "Всё, мы уезжаем!"), P("b", "все мы уезжаем"), P("c", "Мы остаёмся.")]);
        Assert.Equal([("b", "a")], stats.ExactDuplicates);
    }

    [Fact]
    public void Measure_PassagesSharingAnEightWordRun_AreNearDuplicates()
    {
        var stats = CorpusChecker.Measure(
        [
            P("a", "По данным бюро национальной статистики из страны в прошлом году уехали восемнадцать тысяч человек."),
            P("b", "Весной по данным бюро национальной статистики из страны в прошлом году уехало меньше людей."),
            P("c", "Совсем другой текст о погоде в Астане, где снова метель и пробки."),
        ]);
        Assert.Equal(["a", "b"], stats.NearDuplicates.Select(n => n.Id).Order());
        Assert.Equal(2 / 3.0, stats.NearDuplicateShare, 6);
        Assert.Contains("бюро национальной статистики из страны в", stats.NearDuplicates[0].SharedRun);
    }

    [Fact]
    public void Measure_SevenSharedWords_AreNotANearDuplicate()
    {
        var stats = CorpusChecker.Measure(
        [
            P("a", "один два три четыре пять шесть семь и конец"),
            P("b", "начало один два три четыре пять шесть семь"),
        ]);
        Assert.Empty(stats.NearDuplicates);
    }

    [Fact]
    public void UnmetTargets_SmallUnbalancedCorpus_NamesEachShortfall()
    {
        var stats = CorpusChecker.Measure([P("r1", "Цены выросли."), P("r2", "Мы уезжаем.", intent: Intent.Planning)]);
        var unmet = CorpusChecker.UnmetTargets(stats, new CorpusTargets());
        Assert.Contains("ru: 2 passages (target 1200)", unmet);
        Assert.Contains("kk: no passages (target 1200)", unmet);
        Assert.Contains(unmet, u => u.StartsWith("ru: intent discussion is 0.0", StringComparison.Ordinal));
        Assert.Contains("ru: topic corruption on 0 passages (target 60)", unmet);
        Assert.Contains("mixed: 0 passages (target 150)", unmet);
    }

    [Fact]
    public void UnmetTargets_LowTargets_AllMet()
    {
        var corpus = new List<AnnotatedPassage>();
        var n = 0;
        foreach (var language in new[] { Language.Kazakh, Language.Russian, Language.English, Language.Mixed })
            foreach (var intent in LabelNames.Intents.All)
                foreach (var sentiment in LabelNames.Sentiments.All)
                    corpus.Add(P($"p{n}", $"уникальный текст номер {n++} без повторов", language, intent, sentiment, [.. LabelNames.Topics.All]));
        var targets = new CorpusTargets(PerMainLanguage: 18, Mixed: 18, MinIntentShare: 0.1, MinTopicCount: 18, MinSentimentShare: 0.3, MaxNearDuplicateShare: 0.02);
        Assert.Empty(CorpusChecker.UnmetTargets(CorpusChecker.Measure(corpus), targets));
    }

    [Fact]
    public void Split_EachLanguageIntentStratum_TwentyPercentTestFifteenDev()
    {
        var corpus = new List<AnnotatedPassage>();
        foreach (var (language, n) in new[] { (Language.Russian, 100), (Language.Kazakh, 40) })
            foreach (var intent in new[] { Intent.None, Intent.Planning })
                for (var i = 0; i < n; i++)
                    corpus.Add(P($"{language}-{intent}-{i}", "текст", language, intent));
        var split = CorpusSplit.Assign(corpus);
        foreach (var stratum in corpus.GroupBy(p => (p.Language, p.Intent)))
        {
            var n = stratum.Count();
            Assert.Equal((int)Math.Round(n * 0.2), stratum.Count(p => split[p.Id] == Split.Test));
            Assert.Equal((int)Math.Round(n * 0.15), stratum.Count(p => split[p.Id] == Split.Dev));
        }
    }

    [Fact]
    public void Split_SameCorpusInAnotherOrder_SplitsTheSame()
    {
        var corpus = Enumerable.Range(0, 200).Select(i => P($"id-{i}", "текст", intent: i % 2 == 0 ? Intent.None : Intent.Departed)).ToList();
        var a = CorpusSplit.Assign(corpus);
        var b = CorpusSplit.Assign(Enumerable.Reverse(corpus));
        Assert.All(corpus, p => Assert.Equal(a[p.Id], b[p.Id]));
    }

    [Fact]
    public void Split_PassagesAdded_ExistingTestPassagesMostlyStayInTest()
    {
        var corpus = Enumerable.Range(0, 500).Select(i => P($"id-{i}", "текст")).ToList();
        var before = CorpusSplit.Assign(corpus);
        var after = CorpusSplit.Assign([.. corpus, .. Enumerable.Range(500, 50).Select(i => P($"id-{i}", "текст"))]);
        var oldTest = corpus.Where(p => before[p.Id] == Split.Test).ToList();
        var kept = oldTest.Count(p => after[p.Id] == Split.Test);
        Assert.True(kept >= oldTest.Count * 0.85, $"{kept} of {oldTest.Count} test passages kept");
    }
}
