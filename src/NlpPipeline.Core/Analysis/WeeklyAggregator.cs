namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Builds the weekly series from scored passages, one by one: the full-scan path, used for a time zone other
/// than the one the stored weekly aggregates are kept in, and by the tests that check the aggregates against it.
/// Weeks are ISO weeks in the calendar's zone. Documents are counted once per week and group. Documents without
/// a trusted publication time (<see cref="ScoredPassage.DatedByFetch"/>) are left out and counted in their
/// fetch week's <see cref="WeeklyRow.UndatedExcluded"/>; with <paramref name="includeUndated"/> they are placed
/// by fetch time and counted in <see cref="PassageTally.DatedByFetch"/>.
/// </summary>
public sealed class WeeklyAggregator(ResearchCalendar calendar, bool includeUndated = false, bool grouped = false)
{
    public async Task<IReadOnlyList<WeeklyRow>> AggregateAsync(
        IAsyncEnumerable<ScoredPassage> passages, Week? from, Week? to,
        IReadOnlyList<ResearchEvent> events, CancellationToken ct = default)
    {
        var tallies = new Dictionary<WeekCell, PassageTally>();
        var documents = new Dictionary<WeekCell, HashSet<long>>();
        var excluded = new Dictionary<WeekCell, HashSet<long>>();
        await foreach (var p in passages.WithCancellation(ct))
        {
            var week = calendar.WeekOf(p.When);
            if ((from is { } f && week < f) || (to is { } t && week > t)) continue;
            var cell = new WeekCell(week, grouped ? p.Group : null);
            if (p.DatedByFetch && !includeUndated)
            {
                Set(excluded, cell).Add(p.DocumentId);
                continue;
            }
            if (!tallies.TryGetValue(cell, out var tally)) tallies[cell] = tally = new PassageTally();
            tally.Add(p);
            if (Set(documents, cell).Add(p.DocumentId)) tally.AddDocuments(1, p.DatedByFetch ? 1 : 0);
        }
        return WeeklySeriesBuilder.Build(tallies, excluded.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Count), from, to, events, grouped);
    }

    private static HashSet<long> Set(Dictionary<WeekCell, HashSet<long>> sets, WeekCell cell)
    {
        if (!sets.TryGetValue(cell, out var set)) sets[cell] = set = [];
        return set;
    }
}
