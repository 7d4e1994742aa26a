using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>One model's output for a passage, as stored: every label's probability, topics above their thresholds.</summary>
public sealed record PassageLabels(
    Intent Intent,
    IReadOnlyDictionary<Intent, double> IntentProbs,
    IReadOnlyList<Topic> Topics,
    IReadOnlyDictionary<Topic, double> TopicProbs,
    Sentiment Sentiment,
    IReadOnlyDictionary<Sentiment, double> SentimentProbs,
    double SentimentScore);
