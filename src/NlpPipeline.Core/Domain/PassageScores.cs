using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// A model's output for one passage. Probabilities cover every label of each task and sum to 1 for
/// intent and sentiment; topic probabilities are independent. <see cref="Topics"/> holds the topics
/// whose probability cleared the model's per-topic threshold.
/// </summary>
public sealed record PassageScores(
    string ModelVersion,
    Intent Intent,
    IReadOnlyDictionary<Intent, float> IntentProbs,
    IReadOnlyList<Topic> Topics,
    IReadOnlyDictionary<Topic, float> TopicProbs,
    Sentiment Sentiment,
    IReadOnlyDictionary<Sentiment, float> SentimentProbs)
{
    /// <summary>P(positive) − P(negative), in [−1, 1] (LABELS.md).</summary>
    public double SentimentScore => SentimentProbs[Labels.Sentiment.Positive] - SentimentProbs[Labels.Sentiment.Negative];
}
