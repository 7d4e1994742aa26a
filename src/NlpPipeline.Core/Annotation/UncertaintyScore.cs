using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>
/// How undecided a model is about a passage, from 0 (sure of everything) to 1, combining the three tasks:
/// intent and sentiment by the margin between the two most probable labels (1 − (p₁ − p₂)); topics by the
/// topic closest to its decision threshold θ (1 − |p − θ| / max(θ, 1 − θ), so 1 exactly at the threshold and 0
/// at certainty either way). The combined score is the mean of the three, so a passage the model hesitates
/// on in several tasks ranks above one that is borderline in a single task.
/// </summary>
public static class UncertaintyScore
{
    public sealed record Parts(double Combined, double Intent, double Sentiment, double Topics);

    public static Parts Of(PassageScores s, IReadOnlyDictionary<Topic, double> thresholds)
    {
        var intent = 1 - Margin(s.IntentProbs.Values);
        var sentiment = 1 - Margin(s.SentimentProbs.Values);
        var topics = 0.0;
        foreach (var (topic, p) in s.TopicProbs)
        {
            var t = thresholds.TryGetValue(topic, out var th) ? th : 0.5;
            var u = 1 - Math.Abs(p - t) / Math.Max(t, 1 - t);
            topics = Math.Max(topics, Math.Clamp(u, 0, 1));
        }
        return new Parts((intent + sentiment + topics) / 3, intent, sentiment, topics);
    }

    private static double Margin(IEnumerable<float> probabilities)
    {
        var top = probabilities.OrderDescending().Take(2).ToArray();
        return top.Length switch { 0 => 0, 1 => top[0], _ => top[0] - top[1] };
    }
}
