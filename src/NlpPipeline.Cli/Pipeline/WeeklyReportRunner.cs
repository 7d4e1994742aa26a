using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>report weekly: picks the model, the week range (dates or an event window) and writes the series.</summary>
internal sealed class WeeklyReportRunner(ResearchCalendar calendar, ILogger<WeeklyReportRunner> log)
{
    public async Task WriteAsync(NlpDatabase db, WeeklyReportRequest request, TextWriter output, CancellationToken ct)
    {
        var events = EnsureEvents(db);
        var predictions = new PredictionStore(db);
        var model = request.ModelVersion is { } v
            ? predictions.FindModel(v) ?? throw new UsageException($"Model version '{v}' has no predictions in {db.Path}.")
            : predictions.LatestScoringModel() ?? throw new UsageException($"No predictions in {db.Path} yet: run 'nlp classify' (or 'nlp ingest' with a model) first.");
        var (from, to) = Range(request, events);
        var rows = await new WeeklyAggregator(calendar, includeUndated: request.IncludeUndated).AggregateAsync(
            new AnalysisQueries(db).ScoredPassagesAsync(model.Version, request.Language, ct), from, to, events, ct);
        await WeeklyReportWriter.WriteAsync(output, rows, request.Format,
            new WeeklyReportWriter.Context(calendar.Zone.Id, model.Version, request.Language?.ToWire(), request.IncludeUndated,
                request.IncludeUndated ? 0 : new AnalysisQueries(db).CountWithoutTrustedDate(model.Version, request.Language)));
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

    private (Week? From, Week? To) Range(WeeklyReportRequest r, IReadOnlyList<ResearchEvent> events)
    {
        if (r.Event is null)
            return (r.From is { } f ? Week.Of(f) : null, r.To is { } t ? Week.Of(t) : null);
        if (r.From is not null || r.To is not null)
            throw new UsageException("Give either --event (with --weeks-before/--weeks-after) or --from/--to, not both.");
        var e = FindEvent(r.Event, events);
        return (Week.Of(e.Start).AddWeeks(-r.WeeksBefore), Week.Of(e.End ?? e.Start).AddWeeks(r.WeeksAfter));
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
