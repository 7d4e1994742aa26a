using System.Globalization;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>The weekly rows as an aligned text table: the figures a reader scans, with the numbers behind each share.</summary>
internal static class WeeklyTable
{
    public static async Task WriteAsync(TextWriter w, IReadOnlyList<WeeklyRow> rows, bool grouped)
    {
        var groupWidth = grouped ? Math.Max(5, rows.Max(r => (r.Group ?? "").Length)) : 0;
        var intents = rows.Select(r => Top(PassageTally.RelatedIntents.Select(i => (i.ToWire(), r.Tally.Count(i))), r.Tally.EmigrationRelated)).ToList();
        var topics = rows.Select(r => Top(LabelNames.Topics.All.Select(t => (t.ToWire(), r.Tally.Count(t))), r.Tally.Passages)).ToList();
        var intentWidth = Math.Max("intents of emig.".Length, intents.Max(s => s.Length));
        var topicWidth = Math.Max("top topics".Length, topics.Max(s => s.Length));
        string Line(string week, string starts, string group, string docs, string passages, string sentiment, string interval, string negative,
            string emigration, string intent, string topic, string ev) =>
            ($"{week,-9} {starts,-10} " + (grouped ? group.PadRight(groupWidth) + " " : "") +
             $"{docs,6} {passages,7} {sentiment,6} {interval,-15} {negative,5} {emigration,-12}  {intent.PadRight(intentWidth)}  {topic.PadRight(topicWidth)}  {ev}").TrimEnd();
        await w.WriteLineAsync(Line("week", "starts", "group", "docs", "pass.", "sent.", "95% interval", "neg%", "emig% (n)", "intents of emig.", "top topics", "event"));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var t = r.Tally;
            var m = t.MeanSentiment;
            await w.WriteLineAsync(Line(r.Week.ToString(), r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Group ?? "",
                N(t.Documents), N(t.Passages),
                m is null ? "-" : Signed(m.Value),
                m is { Low: { } lo, High: { } hi } ? $"[{Signed(lo)}, {Signed(hi)}]" : "",
                Pct(t.Share(Sentiment.Negative).Ratio),
                t.Passages == 0 ? "-" : $"{Pct(t.ShareEmigrationRelated.Ratio)} ({N(t.EmigrationRelated)})",
                intents[i], topics[i], r.Events.Count > 0 ? "* " + string.Join("; ", r.Events) : ""));
        }
    }

    /// <summary>The three largest counts as "label share%", largest first (ties by name), zero counts left out.</summary>
    private static string Top(IEnumerable<(string Name, long Count)> counts, long of) =>
        of == 0 ? "" : string.Join(", ", counts.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3).Select(c => $"{c.Name} {Pct(c.Count / (double)of).Trim()}%"));

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Signed(double v) => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
    private static string Pct(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) : "-";
}
