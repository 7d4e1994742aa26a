using NlpPipeline.Classification.Languages;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;
using NlpPipeline.Ingestion.Politeness;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Cli;

/// <summary>Builds the pipeline's services for a command. The only place that knows every project.</summary>
internal static class Composition
{
    /// <summary>One run's ingestion: one HttpClient, one per-host schedule, one robots.txt cache, shared by every source.</summary>
    public static IngestionRunner IngestionRunner(CliContext c, FetchOptions fetch, TelegramOptions? telegramOptions = null, SourceHealthOptions? health = null)
    {
        var dates = Dates();
        var schedule = new HostSchedule(fetch.PerHostInterval, c.Time);
        var fetcher = new Fetcher(HttpClient(c.Env, schedule), fetch, c.Time, schedule, c.Log<Fetcher>());
        var telegram = new TelegramChannelReader(fetcher, telegramOptions ?? TelegramOptions.Default, c.Time, c.Log<TelegramChannelReader>());
        var ingestor = new SourceIngestor(fetcher, new FeedParser(dates), new MainTextExtractor(dates), telegram, c.Time, c.Log<SourceIngestor>());
        return new IngestionRunner(ingestor, PassageBuilder(), health ?? SourceHealthOptions.Default,
            c.Log<IngestionRunner>(), c.Time, fetch.MaxParallelHosts, c.Progress);
    }

    /// <summary>
    /// The HttpClient every request of a run goes through: the politeness handler (per-host spacing) over the
    /// process's connection pool. No client-wide timeout: the fetcher times each attempt.
    /// </summary>
    public static HttpClient HttpClient(AppEnvironment env, HostSchedule schedule) =>
        new(new PolitenessHandler(schedule) { InnerHandler = env.HttpHandler }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public static PassageBuilder PassageBuilder() => new(new PassageSplitter(), Languages);

    public static ImportRunner ImportRunner(CliContext c) => new(PassageBuilder(), c.Time, c.Log<ImportRunner>(), c.Progress);

    /// <summary>Scores in batches of the classify.batch_size setting.</summary>
    public static ScoringRunner ScoringRunner(CliContext c) => new(c.Log<ScoringRunner>(), c.Settings.BatchSize, c.Time, c.Progress);

    public static MainTextExtractor MainTextExtractor() => new(Dates());

    private static PublishedDateParser Dates() => new(ResearchCalendar.Almaty.Zone);

    /// <summary>One identifier per process: its models load once, and it is thread-safe.</summary>
    public static HybridLanguageIdentifier Languages { get; } = new();
}
