using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// report weekly, report event, export weekly: picks the model version and the week range (dates or an event window)
/// and builds the series from the weekly aggregates (or, for a time zone other than theirs, from every prediction).
/// </summary>
internal sealed class WeeklyReportRunner(ILogger<WeeklyReportRunner> log)
{
    public async Task WriteAsync(NlpDatabase db, WeeklyReportRequest request, TextWriter output, CancellationToken ct)
    {
        var built = await BuildAsync(db, request, ct);
        await WeeklyReportWriter.WriteAsync(output, built.Series, request.Format);
    }

    /// <summary>The series, the event it centres on (null for a date range) and every known event.</summary>
    public async Task<BuiltSeries> BuildAsync(NlpDatabase db, WeeklyReportRequest request, CancellationToken ct)
    {
        var calendar = ResearchCalendar.Of(request.TimeZone ?? ResearchCalendar.DefaultZoneId);
        var events = EnsureEvents(db);
        var predictions = new PredictionStore(db);
        var model = request.ModelVersion is { } v
            ? predictions.FindModel(v) ?? throw new UsageException($"Model version '{v}' is not registered in {db.Path}.")
            : predictions.LatestScoringModel() ?? throw new UsageException($"No predictions in {db.Path} yet: run 'nlp classify' (or 'nlp ingest' with a model) first.");
        var (from, to, centre) = Range(request, events);
        var store = new WeeklyAggregateStore(db);
        if (store.EnsureBuilt(ct)) log.LogInformation("Built the weekly aggregates of {Path} from its predictions (once)", db.Path);
        var query = new WeeklyQuery(model.Version, request.By, request.Language, request.IncludeUndated, from, to);
        IReadOnlyList<WeeklyRow> rows;
        long undated;
        string source;
        if (calendar.Zone.Id == WeeklyAggregateStore.Zone)
        {
            var (tallies, excluded) = store.Read(query);
            rows = WeeklySeriesBuilder.Build(tallies, excluded, from, to, events, request.By != SeriesGrouping.None);
            undated = request.IncludeUndated ? 0 : store.CountUndated(model.Version, request.Language);
            source = "aggregates";
        }
        else
        {
            log.LogInformation("Weeks in {Zone}: computing from every prediction (the stored aggregates are in {Stored} weeks)", calendar.Zone.Id, WeeklyAggregateStore.Zone);
            var queries = new AnalysisQueries(db);
            rows = await new WeeklyAggregator(calendar, request.IncludeUndated, request.By != SeriesGrouping.None)
                .AggregateAsync(queries.ScoredPassagesAsync(model.Version, request.Language, request.By, ct), from, to, events, ct);
            undated = request.IncludeUndated ? 0 : queries.CountWithoutTrustedDate(model.Version, request.Language);
            source = "scan";
        }
        var info = new SeriesInfo(calendar.Zone.Id, model.Version, request.By, request.Language, request.IncludeUndated, undated,
            store.OtherVersions(query), source);
        return new BuiltSeries(new WeeklySeries(rows, info), centre, events);
    }

    /// <summary>Events come from the database; an empty table is filled from the project's events file when present.</summary>
    private IReadOnlyList<ResearchEvent> EnsureEvents(NlpDatabase db)
    {
        var store = new EventStore(db);
        var events = store.All();
        if (events.Count == 0 && File.Exists(NlpPaths.DefaultEvents))
        {
            store.Upsert(EventsFile.Load(NlpPaths.DefaultEvents));
            events = store.All();
            log.LogInformation("Loaded {Count} events from {Path}", events.Count, NlpPaths.DefaultEvents);
        }
        return events;
    }

    private static (Week? From, Week? To, ResearchEvent? Event) Range(WeeklyReportRequest r, IReadOnlyList<ResearchEvent> events)
    {
        if (r.Event is null)
        {
            if (r.From is { } a && r.To is { } b && b < a) throw new UsageException($"--to {b:yyyy-MM-dd} is before --from {a:yyyy-MM-dd}.");
            return (r.From is { } f ? Week.Of(f) : null, r.To is { } t ? Week.Of(t) : null, null);
        }
        if (r.From is not null || r.To is not null)
            throw new UsageException("Give either --event (with --weeks-before/--weeks-after) or --from/--to, not both.");
        var e = FindEvent(r.Event, events);
        return (Week.Of(e.Start).AddWeeks(-r.WeeksBefore), Week.Of(e.End ?? e.Start).AddWeeks(r.WeeksAfter), e);
    }

    public static ResearchEvent FindEvent(string name, IReadOnlyList<ResearchEvent> events)
    {
        var exact = events.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var partial = events.Where(e => e.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (partial.Count == 1) return partial[0];
        var known = events.Count == 0 ? "no events are loaded (see 'nlp events load')" : "known events: " + string.Join("; ", events.Select(e => e.Name));
        throw new UsageException(partial.Count == 0 ? $"No event matches '{name}'; {known}." : $"'{name}' matches several events: {string.Join("; ", partial.Select(e => e.Name))}.");
    }
}

internal sealed record BuiltSeries(WeeklySeries Series, ResearchEvent? Event, IReadOnlyList<ResearchEvent> Events);
