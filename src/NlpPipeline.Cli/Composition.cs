using NlpPipeline.Classification.Languages;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;

namespace NlpPipeline.Cli;

/// <summary>Builds the pipeline's services for a command. The only place that knows every project.</summary>
internal static class Composition
{
    public static IngestionRunner IngestionRunner(CliContext c)
    {
        var dates = Dates();
        var fetcher = new Fetcher(c.Env.Http, FetchOptions.Default, c.Time);
        var ingestor = new SourceIngestor(fetcher, new FeedParser(dates), new MainTextExtractor(dates), c.Time, c.Log<SourceIngestor>());
        return new IngestionRunner(ingestor, PassageBuilder(), c.Log<IngestionRunner>());
    }

    public static PassageBuilder PassageBuilder() => new(new PassageSplitter(), Languages);

    public static ImportRunner ImportRunner(CliContext c) => new(PassageBuilder(), c.Time, c.Log<ImportRunner>());

    public static ScoringRunner ScoringRunner(CliContext c) => new(c.Log<ScoringRunner>());

    public static MainTextExtractor MainTextExtractor() => new(Dates());

    private static PublishedDateParser Dates() => new(ResearchCalendar.Almaty.Zone);

    /// <summary>One identifier per process: its models load once, and it is thread-safe.</summary>
    public static HybridLanguageIdentifier Languages { get; } = new();
}
