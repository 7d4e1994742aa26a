using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Counts and sums over a set of scored passages: all a weekly row or a before/after window needs, and
/// all that is kept per bucket in the database's weekly aggregates (so a mean's interval needs n, the sum
/// and the sum of squares, never the passages). Label counts are indexed in the order of
/// <see cref="LabelNames"/> (the order of LABELS.md). <see cref="Documents"/> is counted by whoever fills the
/// tally (distinct documents); <see cref="DatedByFetch"/> counts the documents among them placed by fetch time.
/// </summary>
public sealed class PassageTally
{
    private readonly long[] _sentiments = new long[LabelNames.Sentiments.All.Count];
    private readonly long[] _intents = new long[LabelNames.Intents.All.Count];
    private readonly long[] _topics = new long[LabelNames.Topics.All.Count];

    public long Documents { get; private set; }
    public long Passages { get; private set; }
    public double ScoreSum { get; private set; }
    public double ScoreSquares { get; private set; }
    public long DatedByFetch { get; private set; }

    public long Count(Sentiment s) => _sentiments[SentimentAt[(int)s]];
    public long Count(Intent i) => _intents[IntentAt[(int)i]];
    public long Count(Topic t) => _topics[TopicAt[(int)t]];

    // Where each member's count sits: its position in the wire-name table, never its enum number.
    private static readonly int[] SentimentAt = Positions(LabelNames.Sentiments);
    private static readonly int[] IntentAt = Positions(LabelNames.Intents);
    private static readonly int[] TopicAt = Positions(LabelNames.Topics);

    private static int[] Positions<T>(WireNames<T> table) where T : struct, Enum
    {
        var at = new int[table.All.Count];
        for (var i = 0; i < table.All.Count; i++) at[Convert.ToInt32(table.All[i], System.Globalization.CultureInfo.InvariantCulture)] = i;
        return at;
    }

    /// <summary>Passages whose intent is not <c>none</c>: the denominator of each intent's share.</summary>
    public long EmigrationRelated => Passages - Count(Intent.None);

    public bool IsEmpty => Passages == 0;

    /// <summary>Adds one passage (its document is counted by the caller through <see cref="AddDocuments"/>).</summary>
    public void Add(ScoredPassage p)
    {
        Passages++;
        ScoreSum += p.SentimentScore;
        ScoreSquares += p.SentimentScore * p.SentimentScore;
        _sentiments[SentimentAt[(int)p.Sentiment]]++;
        _intents[IntentAt[(int)p.Intent]]++;
        foreach (var t in p.Topics) _topics[TopicAt[(int)t]]++;
    }

    public void AddDocuments(long documents, long datedByFetch = 0)
    {
        Documents += documents;
        DatedByFetch += datedByFetch;
    }

    /// <summary>Adds sums read from storage: label counts in the order of <see cref="LabelNames"/>.</summary>
    public void AddSums(long passages, double scoreSum, double scoreSquares,
        IReadOnlyList<long> sentiments, IReadOnlyList<long> intents, IReadOnlyList<long> topics)
    {
        Passages += passages;
        ScoreSum += scoreSum;
        ScoreSquares += scoreSquares;
        for (var i = 0; i < _sentiments.Length; i++) _sentiments[i] += sentiments[i];
        for (var i = 0; i < _intents.Length; i++) _intents[i] += intents[i];
        for (var i = 0; i < _topics.Length; i++) _topics[i] += topics[i];
    }

    /// <summary>Label counts in the order of <see cref="LabelNames"/>, as storage writes them.</summary>
    public IReadOnlyList<long> SentimentCounts => _sentiments;
    public IReadOnlyList<long> IntentCounts => _intents;
    public IReadOnlyList<long> TopicCounts => _topics;

    public void Add(PassageTally other)
    {
        AddSums(other.Passages, other.ScoreSum, other.ScoreSquares, other._sentiments, other._intents, other._topics);
        AddDocuments(other.Documents, other.DatedByFetch);
    }

    /// <summary>Mean sentiment score with its 95 % t interval (null without passages; no interval from one passage).</summary>
    public Estimate? MeanSentiment => Intervals.Mean(Passages, ScoreSum, ScoreSquares);

    /// <summary>A count over its denominator.</summary>
    public Share Share(Sentiment s) => new(Count(s), Passages);
    public Share Share(Topic t) => new(Count(t), Passages);
    public Share ShareEmigrationRelated => new(EmigrationRelated, Passages);

    /// <summary>An intent's share among the emigration-related passages (<c>none</c> is not one of them).</summary>
    public Share ShareAmongRelated(Intent i) => i == Intent.None
        ? throw new ArgumentException("'none' passages are not emigration-related.", nameof(i))
        : new(Count(i), EmigrationRelated);

    /// <summary>The intents that make a passage emigration-related, in LABELS.md order.</summary>
    public static IReadOnlyList<Intent> RelatedIntents { get; } = LabelNames.Intents.All.Where(i => i != Intent.None).ToArray();
}

/// <summary>A share stated with its denominator; <see cref="Ratio"/> is null when the denominator is 0.</summary>
public readonly record struct Share(long Count, long Of)
{
    public double? Ratio => Of == 0 ? null : Count / (double)Of;
}

/// <summary>A point estimate with a 95 % interval; the bounds are null when no interval can be given.</summary>
public sealed record Estimate(double Value, double? Low, double? High, long N);
