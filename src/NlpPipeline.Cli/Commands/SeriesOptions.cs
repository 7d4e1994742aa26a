using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
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

    public Option<string> TimeZone { get; } = new("--time-zone")
    {
        Description = "Time zone of the ISO weeks (IANA name). The stored weekly aggregates are in Asia/Almaty; another zone is computed from every prediction (slower).",
        HelpName = "ZONE",
        DefaultValueFactory = _ => ResearchCalendar.DefaultZoneId,
    };

    public IEnumerable<Option> All => [By, Language, ModelVersion, IncludeUndated, TimeZone];

    public WeeklyReportRequest Request(ParseResult pr, DateOnly? from, DateOnly? to, string? eventName, int before, int after, ReportFormat format) =>
        new(from, to, eventName, before, after, pr.GetValue(Language), format, pr.GetValue(ModelVersion), pr.GetValue(IncludeUndated),
            pr.GetValue(By), pr.GetValue(TimeZone));
}
