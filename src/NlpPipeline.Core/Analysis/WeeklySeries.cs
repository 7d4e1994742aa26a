using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// A weekly series with what a reader needs to cite it: the model version that produced every label in it
/// (one version, never a mix), the time zone of its weeks, its breakdown and filters, and what was left out.
/// </summary>
public sealed record WeeklySeries(IReadOnlyList<WeeklyRow> Rows, SeriesInfo Info);

/// <param name="UndatedExcluded">Documents left out for want of a trusted publication time, wherever they were
/// fetched (their week is unknown, so they may belong to the requested range).</param>
/// <param name="OtherVersions">Other model versions that scored passages in the range which this version has not
/// scored (at least that many): not mixed in, but stated.</param>
/// <param name="Source">"aggregates" (the incrementally maintained weekly table) or "scan" (computed from every prediction).</param>
public sealed record SeriesInfo(
    string TimeZone,
    string ModelVersion,
    SeriesGrouping By,
    Language? Language,
    bool IncludeUndated,
    long UndatedExcluded,
    IReadOnlyList<OtherVersion> OtherVersions,
    string Source)
{
    public const string Duplicates = "duplicates and near-copies excluded (each story counts once)";
}

/// <summary>Passages in the series' range that <see cref="Version"/> scored and the series' model did not.</summary>
public sealed record OtherVersion(string Version, long Passages);
