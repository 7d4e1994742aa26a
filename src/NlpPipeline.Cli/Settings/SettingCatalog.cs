using Cronos;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Cli.Settings;

/// <summary>
/// Every operator setting, in one place: its key in the settings file, its NLP_ environment variable, its
/// default and its rules. Variables are <c>NLP_</c> + the key in upper case with '.' as '_', except the two
/// older names kept as they were: <c>NLP_USER_AGENT</c> (fetch.user_agent) and <c>NLP_AUTHOR_SALT</c>
/// (import.author_salt).
/// </summary>
internal static class SettingCatalog
{
    // First: the fetch settings below register themselves here as they are initialised.
    private static readonly Dictionary<Setting, Func<FetchOptions, object, FetchOptions>> FetchApply = [];

    /// <summary>Names the settings file (over the default <see cref="NlpPaths.DefaultSettings"/>); not a setting itself.</summary>
    public const string SettingsVariable = "NLP_SETTINGS";

    /// <summary>NLP_ variables that are not settings (the crash tests' pause points), so <c>config show</c> does not call them unknown.</summary>
    public static IReadOnlyList<string> OtherVariables { get; } = [SettingsVariable, TestPause.Variable, TestPause.MarkerVariable];

    public static Setting Db { get; } = new("db", "NLP_DB", SettingKind.Text, NlpPaths.DefaultDb, "SQLite database file");

    public static Setting Models { get; } = new("models", "NLP_MODELS", SettingKind.Text, NlpPaths.DefaultModels,
        "Models folder (its 'current' file names the version in use), or one version folder");

    public static Setting LogFile { get; } = new("log.file", "NLP_LOG_FILE", SettingKind.Text, null,
        "Also append the log as JSON lines to this file");

    public static IReadOnlyList<string> LogLevels { get; } = ["debug", "information", "warning", "error"];

    public static Setting LogLevel { get; } = new("log.level", "NLP_LOG_LEVEL", SettingKind.Text, "information",
        "Least level logged on standard error: debug (= --verbose), information, warning (= --quiet) or error")
    {
        Check = v => LogLevels.Contains((string)v) ? null : $"'{v}' is not one of {string.Join(", ", LogLevels)}",
    };

    public static Setting UserAgent { get; } = Fetch("user_agent", "NLP_USER_AGENT", SettingKind.Text, FetchOptions.DefaultUserAgent,
        "User-Agent sent to sites and matched against robots.txt: your crawler's name and a contact URL", (o, v) => o with { UserAgent = (string)v });

    public static Setting FetchTimeout { get; } = Fetch("timeout_seconds", null, SettingKind.Seconds, FetchOptions.Default.Timeout,
        "Time limit of one request attempt", (o, v) => o with { Timeout = (TimeSpan)v });

    public static Setting FetchMaxBytes { get; } = Fetch("max_bytes", null, SettingKind.Integer, FetchOptions.Default.MaxBytes,
        "Largest response body read", (o, v) => o with { MaxBytes = (int)v });

    public static Setting FetchPerHostInterval { get; } = Fetch("per_host_interval_seconds", null, SettingKind.Seconds, FetchOptions.Default.PerHostInterval,
        "Least time between two requests to one host", (o, v) => o with { PerHostInterval = (TimeSpan)v });

    public static Setting FetchRetries { get; } = Fetch("retries", null, SettingKind.Integer, FetchOptions.Default.Retries,
        "Retries after a timeout, broken connection, 5xx or 429", (o, v) => o with { Retries = (int)v });

    public static Setting FetchRetryBaseDelay { get; } = Fetch("retry_base_delay_seconds", null, SettingKind.Seconds, FetchOptions.Default.RetryBaseDelay,
        "First backoff delay (doubles per retry, with jitter)", (o, v) => o with { RetryBaseDelay = (TimeSpan)v });

    public static Setting FetchMaxRetryAfter { get; } = Fetch("max_retry_after_seconds", null, SettingKind.Seconds, FetchOptions.Default.MaxRetryAfter,
        "Longest Retry-After waited for", (o, v) => o with { MaxRetryAfter = (TimeSpan)v });

    public static Setting FetchMaxCrawlDelay { get; } = Fetch("max_crawl_delay_seconds", null, SettingKind.Seconds, FetchOptions.Default.MaxCrawlDelay,
        "Longest robots.txt Crawl-delay honoured", (o, v) => o with { MaxCrawlDelay = (TimeSpan)v });

    public static Setting FetchHostFailureLimit { get; } = Fetch("host_failure_limit", null, SettingKind.Integer, FetchOptions.Default.HostFailureLimit,
        "Failed URLs in a row after which a host is left alone for the run", (o, v) => o with { HostFailureLimit = (int)v });

    public static Setting FetchMaxParallelHosts { get; } = Fetch("max_parallel_hosts", null, SettingKind.Integer, FetchOptions.Default.MaxParallelHosts,
        "Hosts fetched at the same time", (o, v) => o with { MaxParallelHosts = (int)v });

    public static Setting Sources { get; } = new("ingest.sources", "NLP_INGEST_SOURCES", SettingKind.Text, null,
        "Sources file of 'nlp ingest' and 'nlp schedule'");

    public static Setting TelegramPages { get; } = new("ingest.telegram_pages", "NLP_INGEST_TELEGRAM_PAGES", SettingKind.Integer, TelegramOptions.DefaultMaxPages,
        "Telegram preview pages (about 20 posts each) read per channel per run") { Min = 1, Max = 1000 };

    public static Setting FailRuns { get; } = new("ingest.fail_runs", "NLP_INGEST_FAIL_RUNS", SettingKind.Integer, SourceHealthOptions.DefaultFailRuns,
        "Failed runs in a row after which a source gets a WARNING (and is disabled with auto_disable)") { Min = 1, Max = int.MaxValue };

    public static Setting AutoDisable { get; } = new("ingest.auto_disable", "NLP_INGEST_AUTO_DISABLE", SettingKind.Boolean, false,
        "Disable a source that has failed fail_runs runs in a row");

    public static Setting AuthorSalt { get; } = new("import.author_salt", "NLP_AUTHOR_SALT", SettingKind.Text, null,
        "Secret key of the authors' hashes in 'nlp import' (unset: the database's own random key)") { Secret = true };

    public static Setting BatchSize { get; } = new("classify.batch_size", "NLP_CLASSIFY_BATCH_SIZE", SettingKind.Integer, ScoringRunner.BatchSize,
        "Passages scored and saved per transaction (classify, and the classification step of ingest, import, schedule)") { Min = 1, Max = 1_000_000 };

    public static Setting ReportTimeZone { get; } = new("report.time_zone", "NLP_REPORT_TIME_ZONE", SettingKind.Text, ResearchCalendar.DefaultZoneId,
        "The research time zone (IANA): ISO weeks of the weekly series (report weekly/event, export weekly, the schedule's report), " +
        "the days of --from/--to in query, export and annotate sample, and local dates and times in their output") { Check = ZoneProblem };

    public static Setting ScheduleCron { get; } = new("schedule.cron", "NLP_SCHEDULE_CRON", SettingKind.Text, null,
        "When 'nlp schedule' runs: a 5-field cron expression in schedule.time_zone") { Check = CronProblem };

    public static Setting ScheduleTimeZone { get; } = new("schedule.time_zone", "NLP_SCHEDULE_TIME_ZONE", SettingKind.Text, ResearchCalendar.DefaultZoneId,
        "Time zone (IANA) of the cron expression") { Check = ZoneProblem };

    public static Setting ScheduleReport { get; } = new("schedule.report", "NLP_SCHEDULE_REPORT", SettingKind.Text, NlpPaths.DefaultScheduleReport,
        "Where 'nlp schedule' writes the weekly report (CSV) after each run");

    /// <summary>Every setting, in the order of the settings file.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        Db, Models, LogFile, LogLevel,
        UserAgent, FetchTimeout, FetchMaxBytes, FetchPerHostInterval, FetchRetries, FetchRetryBaseDelay, FetchMaxRetryAfter,
        FetchMaxCrawlDelay, FetchHostFailureLimit, FetchMaxParallelHosts,
        Sources, TelegramPages, FailRuns, AutoDisable, AuthorSalt, BatchSize, ReportTimeZone, ScheduleCron, ScheduleTimeZone, ScheduleReport,
    ];

    /// <summary>The fetch settings and how each sets its <see cref="FetchOptions"/> property.</summary>
    public static IReadOnlyDictionary<Setting, Func<FetchOptions, object, FetchOptions>> FetchSettings => FetchApply;

    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    private static Setting Fetch(string name, string? variable, SettingKind kind, object defaultValue, string description,
        Func<FetchOptions, object, FetchOptions> apply)
    {
        var setting = new Setting("fetch." + name, variable ?? "NLP_FETCH_" + name.ToUpperInvariant(), kind, defaultValue, description)
        {
            Min = kind == SettingKind.Seconds ? 0 : int.MinValue,
            Max = kind == SettingKind.Seconds ? 86_400 : int.MaxValue,
            // FetchOptions holds the rules (the sources file's fetch object uses them too); its problems start with the key's name.
            Check = v => apply(FetchOptions.Default, v).Validate().FirstOrDefault(p => p.StartsWith(name, StringComparison.Ordinal)),
        };
        FetchApply[setting] = apply;
        return setting;
    }

    private static string? ZoneProblem(object value) =>
        ResearchCalendar.FindZone((string)value) is null ? ResearchCalendar.UnknownZone((string)value) : null;

    private static string? CronProblem(object value)
    {
        try { CronExpression.Parse((string)value); return null; }
        catch (CronFormatException ex) { return $"'{value}' is not a 5-field cron expression: {ex.Message}"; }
    }
}
