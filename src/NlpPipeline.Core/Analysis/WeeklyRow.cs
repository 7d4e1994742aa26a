using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// One ISO week of the weekly series. Shares are fractions of the week's passages (0–1);
/// <see cref="MeanSentiment"/> and <see cref="ShareNegative"/> are null when the week has no passages.
/// <see cref="DatedByFetch"/> counts documents placed by fetch time because they had no trusted publication
/// time (only when such documents are included); <see cref="UndatedExcluded"/> counts those left out, by
/// the week they were fetched in.
/// </summary>
public sealed record WeeklyRow(
    Week Week,
    int Documents,
    int Passages,
    double? MeanSentiment,
    double? ShareNegative,
    IReadOnlyDictionary<Intent, double> IntentShares,
    IReadOnlyList<TopicShare> TopTopics,
    IReadOnlyList<string> Events,
    int DatedByFetch,
    int UndatedExcluded = 0);

public sealed record TopicShare(Topic Topic, double Share);
