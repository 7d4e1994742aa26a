namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Lays tallies per week (and group) out as the series' rows: every week from <c>from</c> to <c>to</c>, empty weeks
/// included so a chart's gaps are real gaps, each group in every week (ordinal order of the group name). Without
/// bounds the series spans the data. The same for tallies read from the weekly aggregates and for a full scan.
/// </summary>
public static class WeeklySeriesBuilder
{
    /// <param name="tallies">Included passages per week and group.</param>
    /// <param name="excluded">Documents left out for want of a trusted date, per fetch week and group.</param>
    /// <param name="grouped">Whether the series is broken down; if not, every row's group is null.</param>
    public static IReadOnlyList<WeeklyRow> Build(
        IReadOnlyDictionary<WeekCell, PassageTally> tallies, IReadOnlyDictionary<WeekCell, long> excluded,
        Week? from, Week? to, IReadOnlyList<ResearchEvent> events, bool grouped)
    {
        var weeks = tallies.Keys.Concat(excluded.Keys).Select(c => c.Week)
            .Where(w => (from is not { } f || w >= f) && (to is not { } t || w <= t)).ToList();
        if (weeks.Count == 0 && (from is null || to is null)) return [];
        var first = from ?? weeks.Min();
        var last = to ?? weeks.Max();
        IReadOnlyList<string?> groups = grouped
            ? tallies.Keys.Concat(excluded.Keys).Select(c => c.Group).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList()
            : [null];
        var rows = new List<WeeklyRow>();
        for (var w = first; w <= last; w = w.Next)
        {
            var week = w;
            var names = events.Where(e => e.Overlaps(week)).Select(e => e.Name).ToList();
            foreach (var g in groups)
            {
                var cell = new WeekCell(w, g);
                rows.Add(new WeeklyRow(w, g, tallies.GetValueOrDefault(cell) ?? new PassageTally(), names, excluded.GetValueOrDefault(cell)));
            }
        }
        return rows;
    }
}
