using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Core.Analysis;

/// <summary>Hand-built scored passages for aggregation tests.</summary>
internal static class ScoredPassages
{
    public static ScoredPassage Make(
        long document, string when, Intent intent = Intent.None, Topic[]? topics = null,
        Sentiment sentiment = Sentiment.Neutral, double score = 0, int length = 100,
        double intentProbability = 0.9, bool datedByFetch = false) =>
        new(document, DateTimeOffset.Parse(when), datedByFetch, Language.Russian, length,
            intent, intentProbability, topics ?? [], sentiment, score);

    public static async IAsyncEnumerable<ScoredPassage> Stream(params ScoredPassage[] passages)
    {
        foreach (var p in passages)
        {
            await Task.Yield();
            yield return p;
        }
    }
}
