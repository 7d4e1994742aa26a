using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// A stored passage with one model's prediction, as analysis sees it. <see cref="When"/> is the
/// document's publication time, or its fetch time when <see cref="DatedByFetch"/> is set. <see cref="Group"/> is
/// the passage's group when a series is broken down (language, outlet or source kind), else null.
/// </summary>
public sealed record ScoredPassage(
    long DocumentId,
    DateTimeOffset When,
    bool DatedByFetch,
    Language Language,
    int Length,
    Intent Intent,
    double IntentProbability,
    IReadOnlyList<Topic> Topics,
    Sentiment Sentiment,
    double SentimentScore,
    string? Group = null);
