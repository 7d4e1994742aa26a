using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>
/// One person's (or the adjudicator's) labels for one passage. <see cref="Topics"/> holds no duplicates and is
/// kept in LABELS.md order, so two label sets compare equal exactly when they say the same thing.
/// </summary>
public sealed record AnnotationLabels
{
    public AnnotationLabels(Language language, Intent intent, IEnumerable<Topic> topics, Sentiment sentiment)
    {
        Language = language;
        Intent = intent;
        var set = topics.ToHashSet();
        Topics = LabelNames.Topics.All.Where(set.Contains).ToArray();
        Sentiment = sentiment;
    }

    public Language Language { get; }
    public Intent Intent { get; }
    public IReadOnlyList<Topic> Topics { get; }
    public Sentiment Sentiment { get; }

    public bool Equals(AnnotationLabels? other) =>
        other is not null && Language == other.Language && Intent == other.Intent && Sentiment == other.Sentiment && Topics.SequenceEqual(other.Topics);

    public override int GetHashCode() => HashCode.Combine(Language, Intent, Sentiment, string.Join(',', Topics));

    /// <summary>The topics as written in a CSV cell: wire names joined by "; ".</summary>
    public string TopicsCell => string.Join("; ", Topics.Select(t => t.ToWire()));
}
