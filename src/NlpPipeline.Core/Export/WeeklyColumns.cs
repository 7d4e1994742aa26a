using System.Globalization;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// The flat columns of one weekly row, shared by the CSV and JSON Lines exports: counts beside every ratio,
/// so each share's denominator is in the same row. <c>share_*</c> columns are of the week's passages except
/// <c>share_&lt;intent&gt;_of_related</c>, which are of <c>emigration_related</c>. Values are long, double or
/// string; null is an empty field (no passages: no mean, no share).
/// </summary>
public static class WeeklyColumns
{
    public static IReadOnlyList<string> Names(SeriesGrouping by)
    {
        var names = new List<string> { "week", "week_start" };
        if (by.ToName() is { } g) names.Add(g.Replace('-', '_'));
        names.AddRange(["model_version", "documents", "passages", "mean_sentiment", "mean_sentiment_low", "mean_sentiment_high"]);
        names.AddRange(LabelNames.Sentiments.Names);
        names.AddRange(LabelNames.Sentiments.Names.Select(n => "share_" + n));
        names.AddRange(["emigration_related", "share_emigration_related"]);
        foreach (var i in PassageTally.RelatedIntents) names.AddRange(["intent_" + i.ToWire(), $"share_{i.ToWire()}_of_related"]);
        foreach (var t in LabelNames.Topics.Names) names.AddRange(["topic_" + t, "share_topic_" + t]);
        names.AddRange(["events", "dated_by_fetch", "undated_excluded"]);
        return names;
    }

    public static IReadOnlyList<object?> Values(WeeklyRow r, SeriesInfo info)
    {
        var t = r.Tally;
        var mean = t.MeanSentiment;
        var values = new List<object?> { r.Week.ToString(), r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (info.By != SeriesGrouping.None) values.Add(r.Group);
        values.AddRange([info.ModelVersion, t.Documents, t.Passages, mean?.Value, mean?.Low, mean?.High]);
        foreach (var s in LabelNames.Sentiments.All) values.Add(t.Count(s));
        foreach (var s in LabelNames.Sentiments.All) values.Add(t.Share(s).Ratio);
        values.AddRange([t.EmigrationRelated, t.ShareEmigrationRelated.Ratio]);
        foreach (var i in PassageTally.RelatedIntents) values.AddRange([t.Count(i), t.ShareAmongRelated(i).Ratio]);
        foreach (var topic in LabelNames.Topics.All) values.AddRange([t.Count(topic), t.Share(topic).Ratio]);
        values.AddRange([string.Join(";", r.Events), t.DatedByFetch, r.UndatedExcluded]);
        return values;
    }
}
