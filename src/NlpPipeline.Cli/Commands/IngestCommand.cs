using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;

namespace NlpPipeline.Cli.Commands;

internal static class IngestCommand
{
    /// <summary>The --sources option of ingest and schedule (the ingest.sources setting).</summary>
    public static SettingOption SourcesOption(string description) => new(SettingCatalog.Sources, "--sources", description, "PATH", ["-s"]);

    /// <summary>The --user-agent option of ingest and schedule (fetch.user_agent, over the sources file's fetch.user_agent).</summary>
    public static SettingOption UserAgentOption() => new(SettingCatalog.UserAgent, "--user-agent",
        "User-Agent sent to sites and matched against robots.txt; must name your crawler and a contact URL", "TEXT", between: "the sources file's fetch.user_agent");

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var sources = SourcesOption("Sources file (JSON): {\"fetch\": {optional settings, see README}, \"sources\": [{\"id\", \"outlet\", \"kind\": feed|page|telegram, \"url\", \"language\"}]}; required unless set in the settings");
        var model = ModelLoading.CreateOption();
        var noClassify = new Option<bool>("--no-classify") { Description = "Store passages without classifying them (run 'nlp classify' later)" };
        var userAgent = UserAgentOption();
        var telegramPages = new SettingOption(SettingCatalog.TelegramPages, "--telegram-pages",
            "Telegram channels: at most this many preview pages (about 20 posts each) per channel per run; a channel read before stops at the last post it has", "N");
        var failRuns = new SettingOption(SettingCatalog.FailRuns, "--fail-runs",
            "A source that has failed this many runs in a row is reported with a WARNING (and disabled with --auto-disable)", "N");
        var autoDisable = new SettingFlag(SettingCatalog.AutoDisable, "true", "--auto-disable",
            "Disable a source once it has failed --fail-runs runs in a row; later runs skip it until 'nlp sources enable ID' (ingest.auto_disable)");
        var command = new Command("ingest",
            "Fetch every source (feeds, then each item's page; single pages; telegram channels' new posts), extract the main text, " +
            "split it into passages, identify their language, store new documents (links known by their canonical URL are not fetched again; " +
            "exact and near copies of a stored story are kept as its duplicates; each date records where it came from) and classify the new passages. " +
            "Politely: robots.txt honoured, at most one request per second per host (fetch.per_host_interval_seconds), " +
            "retries with backoff, Retry-After honoured, failing hosts backed off, unchanged feeds not parsed again (ETag / Last-Modified).")
        {
            sources, model, noClassify, userAgent, telegramPages, failRuns, autoDisable,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var settings = c.Settings.LoadSources();
            var scoring = pr.GetValue(noClassify) ? null : ModelLoading.LoadIfPresent(c.Settings, c.Log<IngestionRunner>());
            using var db = c.OpenDatabase();
            var plan = new IngestPlan(settings.Sources, settings.Fetch, c.Settings.Telegram, c.Settings.Health, scoring);
            var summary = await LeasedIngest.RunAsync(c, db, "ingest", plan, ct);
            summary.Write(c.Output);
            return summary.AllFailed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }
}
