using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

/// <summary>The options every weekly series takes (report weekly, report event, export weekly), read into one request.</summary>
internal sealed class SeriesOptions
{
    public Option<SeriesGrouping> By { get; } = new("--by")
    {
        Description = $"Break the series down: one row per week and {string.Join(" / ", SeriesGroupingNames.Names)} (passage language, the source's outlet, news or social)",
        HelpName = string.Join("|", SeriesGroupingNames.Names),
        CustomParser = r =>
        {
            var s = r.Tokens.Single().Value;
            if (SeriesGroupingNames.TryParse(s, out var g)) return g;
            r.AddError($"--by: '{s}' is not one of {string.Join(", ", SeriesGroupingNames.Names)}");
            return SeriesGrouping.None;
        },
    };

    public Option<Core.Labels.Language?> Language { get; } = OptionParsers.Language();

    public Option<string?> ModelVersion { get; } = new("--model-version")
    {
        Description = "Use this model's predictions (default: the latest registered model that has scored passages). A series never mixes versions; " +
                      "passages in range scored only by another version are left out and the report says how many.",
        HelpName = "VERSION",
    };

    public Option<bool> IncludeUndated { get; } = new("--include-undated")
    {
        Description = "Also count documents without a trusted publication time (none found, or dated more than a day after " +
                      "fetching or before 1990), placed in the week they were fetched. By default they are left out and counted.",
    };

    public SettingOption TimeZone { get; } = new(SettingCatalog.ReportTimeZone, "--time-zone",
        "Time zone of the ISO weeks (IANA name). The stored weekly aggregates are in Asia/Almaty; another zone is computed from every prediction (slower)", "ZONE");

    public IEnumerable<Option> All => [By, Language, ModelVersion, IncludeUndated, TimeZone];

    /// <summary>The request; its time zone is the report.time_zone setting (--time-zone, NLP_REPORT_TIME_ZONE, the settings file).</summary>
    public WeeklyReportRequest Request(ParseResult pr, NlpSettings settings, DateOnly? from, DateOnly? to, string? eventName, int before, int after, ReportFormat format) =>
        new(from, to, eventName, before, after, pr.GetValue(Language), format, pr.GetValue(ModelVersion), pr.GetValue(IncludeUndated),
            pr.GetValue(By), settings.ReportTimeZone);
}

/// <summary>
/// The week range of a series, shared by report weekly and export weekly: --from/--to, or an event with
/// --weeks-before/--weeks-after.
/// </summary>
internal sealed class WeekRangeOptions
{
    public Option<DateOnly?> From { get; } = OptionParsers.Date("--from", "First day (in the series' time zone) of the range; its ISO week is included");
    public Option<DateOnly?> To { get; } = OptionParsers.Date("--to", "Last day (in the series' time zone) of the range; its ISO week is included");
    public Option<string?> Event { get; } = new("--event") { Description = "Centre the range on an event (name, or a unique part of it; see 'nlp events list')", HelpName = "NAME" };
    public Option<int> WeeksBefore { get; } = new("--weeks-before") { HelpName = "N", Description = "Weeks before the event's first week", DefaultValueFactory = _ => 4 };
    public Option<int> WeeksAfter { get; } = new("--weeks-after") { HelpName = "N", Description = "Weeks after the event's last week", DefaultValueFactory = _ => 4 };

    public IEnumerable<Option> All => [From, To, Event, WeeksBefore, WeeksAfter];

    /// <summary>The request for these options and <paramref name="series"/>'s; checked here, not in a validator (a validator sees 0 for an option left at its default).</summary>
    public WeeklyReportRequest Request(ParseResult pr, NlpSettings settings, SeriesOptions series, ReportFormat format)
    {
        if (pr.GetValue(WeeksBefore) < 0 || pr.GetValue(WeeksAfter) < 0) throw new UsageException("--weeks-before and --weeks-after must be 0 or more");
        return series.Request(pr, settings, pr.GetValue(From), pr.GetValue(To), pr.GetValue(Event), pr.GetValue(WeeksBefore), pr.GetValue(WeeksAfter), format);
    }
}
