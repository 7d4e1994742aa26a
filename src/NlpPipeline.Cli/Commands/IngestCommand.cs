using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Cli.Commands;

internal static class IngestCommand
{
    /// <summary>Environment variable for the User-Agent (between --user-agent and the sources file's fetch.user_agent).</summary>
    public const string UserAgentVariable = "NLP_USER_AGENT";

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var sources = new Option<string>("--sources", "-s")
        {
            Description = "Sources file (JSON): {\"fetch\": {optional settings, see README}, \"sources\": [{\"id\", \"outlet\", \"kind\": feed|page|telegram, \"url\", \"language\"}]}",
            HelpName = "PATH",
            Required = true,
        };
        var model = ModelLoading.CreateOption();
        var noClassify = new Option<bool>("--no-classify") { Description = "Store passages without classifying them (run 'nlp classify' later)" };
        var userAgent = new Option<string?>("--user-agent")
        {
            Description = $"User-Agent sent to sites and matched against robots.txt; must name your crawler and a contact URL " +
                          $"(default: ${UserAgentVariable}, else the sources file's fetch.user_agent, else \"{FetchOptions.DefaultUserAgent}\")",
            HelpName = "TEXT",
        };
        var telegramPages = new Option<int>("--telegram-pages")
        {
            Description = "Telegram channels: at most this many preview pages (about 20 posts each) per channel per run; " +
                          "a channel read before stops at the last post it has",
            HelpName = "N",
            DefaultValueFactory = _ => TelegramOptions.DefaultMaxPages,
        };
        var failRuns = new Option<int>("--fail-runs")
        {
            Description = "A source that has failed this many runs in a row is reported with a WARNING (and disabled with --auto-disable)",
            HelpName = "N",
            DefaultValueFactory = _ => SourceHealthOptions.DefaultFailRuns,
        };
        var autoDisable = new Option<bool>("--auto-disable")
        {
            Description = "Disable a source once it has failed --fail-runs runs in a row; later runs skip it until 'nlp sources enable ID'",
        };
        var command = new Command("ingest",
            "Fetch every source (feeds, then each item's page; single pages; telegram channels' new posts), extract the main text, " +
            "split it into passages, identify their language, store new documents (links known by their canonical URL are not fetched again; " +
            "exact and near copies of a stored story are kept as its duplicates; each date records where it came from) and classify the new passages. " +
            "Politely: robots.txt honoured, at most one request per second per host (sources file: fetch.per_host_interval_seconds), " +
            "retries with backoff, Retry-After honoured, failing hosts backed off, unchanged feeds not parsed again (ETag / Last-Modified).")
        {
            sources, model, noClassify, userAgent, telegramPages, failRuns, autoDisable,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var telegram = new TelegramOptions(pr.GetValue(telegramPages));
            if (telegram.Validate().FirstOrDefault() is { } bad) throw new UsageException($"--telegram-pages: {bad}");
            if (pr.GetValue(failRuns) < 1) throw new UsageException("--fail-runs must be at least 1");
            var health = new SourceHealthOptions(pr.GetValue(failRuns), pr.GetValue(autoDisable));
            var settings = SourcesFile.LoadSettings(pr.GetValue(sources)!);
            var fetch = WithUserAgent(settings.Fetch, pr.GetValue(userAgent));
            var scoring = pr.GetValue(noClassify) ? null : ModelLoading.LoadIfPresent(pr.GetValue(model), c.Log<IngestionRunner>());
            using var db = c.OpenDatabase();
            var summary = await LeasedIngest.RunAsync(c, db, "ingest", new IngestPlan(settings.Sources, fetch, telegram, health, scoring), ct);
            summary.Write(c.Output);
            return summary.AllFailed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>--user-agent, then NLP_USER_AGENT, then the sources file, then the default; validated like the file's value.</summary>
    internal static FetchOptions WithUserAgent(FetchOptions fetch, string? option)
    {
        var value = !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable(UserAgentVariable);
        if (string.IsNullOrWhiteSpace(value)) return fetch;
        var withAgent = fetch with { UserAgent = value.Trim() };
        var problem = withAgent.Validate().FirstOrDefault(p => p.StartsWith("user_agent", StringComparison.Ordinal));
        if (problem is not null)
            throw new UsageException($"{(string.IsNullOrWhiteSpace(option) ? UserAgentVariable : "--user-agent")}: {problem}");
        return withAgent;
    }
}
