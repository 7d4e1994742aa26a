using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>A document's labels aggregated from its passages by the rules at the end of LABELS.md.</summary>
public sealed record DocumentLabels(Intent Intent, IReadOnlyList<Topic> Topics, double? SentimentScore)
{
    /// <param name="passages">The document's scored passages (any order).</param>
    /// <param name="intentThreshold">A passage's intent counts only when its probability reaches this.</param>
    public static DocumentLabels From(IReadOnlyCollection<ScoredPassage> passages, double intentThreshold)
    {
        if (passages.Count == 0) return new DocumentLabels(Intent.None, [], null);
        var intent = IntentOrder.Strongest(passages.Where(p => p.IntentProbability >= intentThreshold).Select(p => p.Intent));
        var topics = passages.SelectMany(p => p.Topics).Distinct().OrderBy(t => t).ToList();
        var totalLength = passages.Sum(p => (double)Math.Max(1, p.Length));
        var score = passages.Sum(p => p.SentimentScore * Math.Max(1, p.Length)) / totalLength;
        return new DocumentLabels(intent, topics, score);
    }
}
