namespace NlpPipeline.Core.Corpora;

/// <summary>
/// What a corpus must reach to train models worth citing: passages per main language (kk, ru, en) and
/// for mixed, each intent's and sentiment's share within each main language, passages per topic per
/// main language, and the near-duplicate ceiling.
/// </summary>
public sealed record CorpusTargets(
    int PerMainLanguage = 1200,
    int Mixed = 150,
    double MinIntentShare = 0.08,
    int MinTopicCount = 60,
    double MinSentimentShare = 0.15,
    double MaxNearDuplicateShare = 0.02);
