using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Builds the weekly series: one row per ISO week (research time zone) from <c>from</c> to <c>to</c>,
/// weeks without data included, so a chart's gaps are real gaps. Without bounds the series spans the data.
/// Documents without a trusted publication time (<see cref="ScoredPassage.DatedByFetch"/>) are left out
/// and counted in their fetch week's <see cref="WeeklyRow.UndatedExcluded"/>; with
/// <paramref name="includeUndated"/> they are placed by fetch time and counted in <see cref="WeeklyRow.DatedByFetch"/>.
/// </summary>
public sealed class WeeklyAggregator(ResearchCalendar calendar, int topTopics = 3, bool includeUndated = false)
{
    public async Task<IReadOnlyList<WeeklyRow>> AggregateAsync(
        IAsyncEnumerable<ScoredPassage> passages, Week? from, Week? to,
        IReadOnlyList<ResearchEvent> events, CancellationToken ct = default)
    {
        var weeks = new SortedDictionary<Week, Accumulator>();
        await foreach (var p in passages.WithCancellation(ct))
        {
            var week = calendar.WeekOf(p.When);
            if ((from is { } f && week < f) || (to is { } t && week > t)) continue;
            if (!weeks.TryGetValue(week, out var acc)) weeks[week] = acc = new Accumulator();
            if (p.DatedByFetch && !includeUndated) acc.Exclude(p.DocumentId);
            else acc.Add(p);
        }
        if (weeks.Count == 0 && (from is null || to is null)) return [];
        var first = from ?? weeks.Keys.First();
        var last = to ?? weeks.Keys.Last();
        var rows = new List<WeeklyRow>();
        for (var w = first; w <= last; w = w.Next)
        {
            var acc = weeks.GetValueOrDefault(w) ?? new Accumulator();
            var names = events.Where(e => e.Overlaps(w)).Select(e => e.Name).ToList();
            rows.Add(acc.ToRow(w, names, topTopics));
        }
        return rows;
    }

    private sealed class Accumulator
    {
        private readonly HashSet<long> _documents = [];
        private readonly HashSet<long> _datedByFetch = [];
        private readonly HashSet<long> _excluded = [];
        private readonly Dictionary<Intent, int> _intents = [];
        private readonly Dictionary<Topic, int> _topics = [];
        private int _passages, _negative;
        private double _scoreSum;

        public void Exclude(long documentId) => _excluded.Add(documentId);

        public void Add(ScoredPassage p)
        {
            _documents.Add(p.DocumentId);
            if (p.DatedByFetch) _datedByFetch.Add(p.DocumentId);
            _passages++;
            _scoreSum += p.SentimentScore;
            if (p.Sentiment == Sentiment.Negative) _negative++;
            _intents[p.Intent] = _intents.GetValueOrDefault(p.Intent) + 1;
            foreach (var t in p.Topics) _topics[t] = _topics.GetValueOrDefault(t) + 1;
        }

        public WeeklyRow ToRow(Week week, IReadOnlyList<string> events, int topTopics)
        {
            var n = _passages;
            var intents = LabelNames.Intents.All.ToDictionary(i => i, i => n == 0 ? 0.0 : _intents.GetValueOrDefault(i) / (double)n);
            var top = _topics.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.ToWire(), StringComparer.Ordinal)
                .Take(topTopics).Select(kv => new TopicShare(kv.Key, kv.Value / (double)n)).ToList();
            return new WeeklyRow(week, _documents.Count, n,
                n == 0 ? null : _scoreSum / n, n == 0 ? null : _negative / (double)n,
                intents, top, events, _datedByFetch.Count, _excluded.Count);
        }
    }
}
