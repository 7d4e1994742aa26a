using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>Counts, lengths and duplication of an annotated corpus (what <c>nlp corpus check</c> prints).</summary>
public sealed record CorpusStats(
    int Passages,
    IReadOnlyDictionary<Language, LanguageStats> ByLanguage,
    IReadOnlyList<(string Id, string OtherId)> ExactDuplicates,
    IReadOnlyList<NearDuplicate> NearDuplicates)
{
    /// <summary>Share of passages that share an 8-word run with another passage.</summary>
    public double NearDuplicateShare => Passages == 0 ? 0 : NearDuplicates.Select(n => n.Id).Distinct().Count() / (double)Passages;
}

public sealed record LanguageStats(
    int Passages,
    IReadOnlyDictionary<Intent, int> Intents,
    IReadOnlyDictionary<Topic, int> Topics,
    IReadOnlyDictionary<Sentiment, int> Sentiments,
    IReadOnlyDictionary<SourceKind, int> SourceKinds,
    IReadOnlyDictionary<Split, int> Splits,
    IReadOnlyDictionary<(Intent, Split), int> IntentSplits,
    LengthSummary Lengths);

public sealed record LengthSummary(int Min, int P10, int Median, int P90, int Max);

/// <summary>A passage sharing a run of <see cref="CorpusChecker.ShingleWords"/> words with another one.</summary>
public sealed record NearDuplicate(string Id, string OtherId, string SharedRun);
