using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// The flat, typed columns of one weekly row, shared by the CSV, JSON Lines and Parquet exports: counts beside every
/// ratio, so each share's denominator is in the same row. <c>share_*</c> columns are of the week's passages except
/// <c>share_&lt;intent&gt;_of_related</c>, which are of <c>emigration_related</c>. Null is an empty field (no passages:
/// no mean, no share).
/// </summary>
public static class WeeklyColumns
{
    public static IReadOnlyList<TableColumn<WeeklyRow>> Table(SeriesInfo info)
    {
        var columns = new List<TableColumn<WeeklyRow>>
        {
            TableColumn<WeeklyRow>.String("week", r => r.Week.ToString()),
            TableColumn<WeeklyRow>.Date("week_start", r => r.Week.Monday),
        };
        if (info.By.ToName() is { } g) columns.Add(TableColumn<WeeklyRow>.String(g.Replace('-', '_'), r => r.Group));
        columns.AddRange([
            TableColumn<WeeklyRow>.String("model_version", _ => info.ModelVersion),
            TableColumn<WeeklyRow>.Int64("documents", r => r.Tally.Documents),
            TableColumn<WeeklyRow>.Int64("passages", r => r.Tally.Passages),
            TableColumn<WeeklyRow>.Double("mean_sentiment", r => r.Tally.MeanSentiment?.Value),
            TableColumn<WeeklyRow>.Double("mean_sentiment_low", r => r.Tally.MeanSentiment?.Low),
            TableColumn<WeeklyRow>.Double("mean_sentiment_high", r => r.Tally.MeanSentiment?.High),
        ]);
        foreach (var s in LabelNames.Sentiments.All) columns.Add(TableColumn<WeeklyRow>.Int64(s.ToWire(), r => r.Tally.Count(s)));
        foreach (var s in LabelNames.Sentiments.All) columns.Add(TableColumn<WeeklyRow>.Double("share_" + s.ToWire(), r => r.Tally.Share(s).Ratio));
        columns.Add(TableColumn<WeeklyRow>.Int64("emigration_related", r => r.Tally.EmigrationRelated));
        columns.Add(TableColumn<WeeklyRow>.Double("share_emigration_related", r => r.Tally.ShareEmigrationRelated.Ratio));
        foreach (var i in PassageTally.RelatedIntents)
        {
            columns.Add(TableColumn<WeeklyRow>.Int64("intent_" + i.ToWire(), r => r.Tally.Count(i)));
            columns.Add(TableColumn<WeeklyRow>.Double($"share_{i.ToWire()}_of_related", r => r.Tally.ShareAmongRelated(i).Ratio));
        }
        foreach (var t in LabelNames.Topics.All)
        {
            columns.Add(TableColumn<WeeklyRow>.Int64("topic_" + t.ToWire(), r => r.Tally.Count(t)));
            columns.Add(TableColumn<WeeklyRow>.Double("share_topic_" + t.ToWire(), r => r.Tally.Share(t).Ratio));
        }
        columns.AddRange([
            TableColumn<WeeklyRow>.String("events", r => string.Join(";", r.Events)),
            TableColumn<WeeklyRow>.Int64("dated_by_fetch", r => r.Tally.DatedByFetch),
            TableColumn<WeeklyRow>.Int64("undated_excluded", r => r.UndatedExcluded),
        ]);
        return columns;
    }
}
