using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// What a weekly series asks for: a date range or an event window, a language, a breakdown, a model version (null:
/// the latest that has scored passages), a time zone (null: Asia/Almaty), a format, and whether documents without
/// a trusted publication time are placed by fetch time (rather than left out).
/// </summary>
internal sealed record WeeklyReportRequest(
    DateOnly? From, DateOnly? To, string? Event, int WeeksBefore, int WeeksAfter,
    Language? Language, ReportFormat Format, string? ModelVersion, bool IncludeUndated = false,
    SeriesGrouping By = SeriesGrouping.None, string? TimeZone = null);
