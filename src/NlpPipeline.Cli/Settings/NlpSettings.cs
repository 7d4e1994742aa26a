using Microsoft.Extensions.Logging;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Cli.Settings;

/// <summary>
/// The effective settings of one invocation: built-in defaults &lt; settings file &lt; NLP_ environment variables &lt;
/// command-line options, each value with where it came from. Loaded once, before anything starts; a bad file or
/// variable is a <see cref="SettingsException"/>, a bad option value a <see cref="UsageException"/>.
/// </summary>
internal sealed class NlpSettings
{
    /// <summary>A setting's value (null: unset) and where it came from: "default", "FILE:LINE", "NLP_X" or "--option".</summary>
    public sealed record Value(object? Current, SettingSource Source, string Origin);

    /// <summary>A value given on the command line: the setting, its text, and the option that gave it.</summary>
    public sealed record CommandLineValue(Setting Setting, string Text, string Option);

    private readonly Dictionary<Setting, Value> _values;

    private NlpSettings(Dictionary<Setting, Value> values, string? file, string fileOrigin, IReadOnlyList<string> unknownVariables)
    {
        _values = values;
        File = file;
        FileOrigin = fileOrigin;
        UnknownVariables = unknownVariables;
    }

    /// <summary>The settings file read, or null when there was none.</summary>
    public string? File { get; }

    /// <summary>How the file was chosen: "--settings", "NLP_SETTINGS", "default location" or "none".</summary>
    public string FileOrigin { get; }

    public Value this[Setting setting] => _values[setting];

    /// <summary>NLP_ variables that are no setting (a typo such as NLP_BD would otherwise be ignored silently).</summary>
    public IReadOnlyList<string> UnknownVariables { get; }

    /// <summary>
    /// Loads the layers. The file is <paramref name="settingsOption"/>, else NLP_SETTINGS, else
    /// <paramref name="defaultFile"/> if it exists (a file named by the first two must exist).
    /// </summary>
    public static NlpSettings Load(string? settingsOption, IReadOnlyDictionary<string, string> variables, string? defaultFile,
        IEnumerable<CommandLineValue> commandLine)
    {
        var values = SettingCatalog.All.ToDictionary(s => s, s => new Value(s.Default, SettingSource.Default, "default"));
        var (file, origin) = Locate(settingsOption, variables, defaultFile);
        if (file is not null)
            foreach (var e in SettingsFile.Load(file))
                values[e.Setting] = new Value(e.Value, SettingSource.File, $"{file}:{e.Line}");
        foreach (var s in SettingCatalog.All)
        {
            if (!variables.TryGetValue(s.Variable, out var text) || string.IsNullOrWhiteSpace(text)) continue;   // empty = unset, as before
            try { values[s] = new Value(s.ParseText(text), SettingSource.Environment, s.Variable); }
            catch (FormatException ex) { throw new SettingsException($"environment variable {s.Variable} ({s.Key}): {ex.Message}"); }
        }
        foreach (var given in commandLine)
        {
            try { values[given.Setting] = new Value(given.Setting.ParseText(given.Text), SettingSource.CommandLine, given.Option); }
            catch (FormatException ex) { throw new UsageException($"{given.Option}: {ex.Message}"); }
        }
        var unknown = variables.Keys
            .Where(k => k.StartsWith("NLP_", StringComparison.Ordinal) && SettingCatalog.All.All(s => s.Variable != k) && !SettingCatalog.OtherVariables.Contains(k))
            .Order(StringComparer.Ordinal).ToList();
        return new NlpSettings(values, file, origin, unknown);
    }

    private static (string? File, string Origin) Locate(string? option, IReadOnlyDictionary<string, string> variables, string? defaultFile)
    {
        if (!string.IsNullOrWhiteSpace(option)) return (option, "--settings");
        if (variables.TryGetValue(SettingCatalog.SettingsVariable, out var env) && !string.IsNullOrWhiteSpace(env))
            return (env, SettingCatalog.SettingsVariable);
        return defaultFile is not null && System.IO.File.Exists(defaultFile) ? (defaultFile, "default location") : (null, "none");
    }

    private T Get<T>(Setting s) => (T)_values[s].Current!;

    public string Db => Get<string>(SettingCatalog.Db);
    public string Models => Get<string>(SettingCatalog.Models);

    /// <summary>True when the models folder was not chosen by anyone (a missing model there is only a warning for ingest).</summary>
    public bool ModelsDefaulted => _values[SettingCatalog.Models].Source == SettingSource.Default;

    public string? LogFile => (string?)_values[SettingCatalog.LogFile].Current;

    public LogLevel LogLevel => Get<string>(SettingCatalog.LogLevel) switch
    {
        "debug" => LogLevel.Debug,
        "information" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        var other => throw new System.Diagnostics.UnreachableException(other),
    };

    public string? SourcesPath => (string?)_values[SettingCatalog.Sources].Current;
    public TelegramOptions Telegram => new(Get<int>(SettingCatalog.TelegramPages));
    public SourceHealthOptions Health => new(Get<int>(SettingCatalog.FailRuns), Get<bool>(SettingCatalog.AutoDisable));
    public string? AuthorSalt => (string?)_values[SettingCatalog.AuthorSalt].Current;
    public int BatchSize => Get<int>(SettingCatalog.BatchSize);
    public string ReportTimeZone => Get<string>(SettingCatalog.ReportTimeZone);

    /// <summary>Dates and weeks in the research time zone (report.time_zone).</summary>
    public ResearchCalendar Calendar => ResearchCalendar.Of(ReportTimeZone);
    public string? ScheduleCron => (string?)_values[SettingCatalog.ScheduleCron].Current;
    public TimeZoneInfo ScheduleTimeZone => ResearchCalendar.Of(Get<string>(SettingCatalog.ScheduleTimeZone)).Zone;
    public string ScheduleReport => Get<string>(SettingCatalog.ScheduleReport);

    /// <summary>The fetch settings without a sources file: defaults, file, environment, command line.</summary>
    public FetchOptions Fetch => ApplyFetch(FetchOptions.Default, _ => true);

    /// <summary>
    /// Reads the sources file (ingest.sources) with its fetch settings layered in: the sources file's <c>"fetch"</c>
    /// object applies over the settings file's, and NLP_ variables and options apply over both.
    /// </summary>
    public SourcesSettings LoadSources()
    {
        var path = SourcesPath ?? throw new UsageException(
            $"--sources is required (or set {SettingCatalog.Sources.Key} in the settings file, or {SettingCatalog.Sources.Variable})");
        var fromFiles = SourcesFile.LoadSettings(path, ApplyFetch(FetchOptions.Default, s => s <= SettingSource.File));
        return fromFiles with { Fetch = ApplyFetch(fromFiles.Fetch, s => s >= SettingSource.Environment) };
    }

    private FetchOptions ApplyFetch(FetchOptions start, Func<SettingSource, bool> layers) =>
        SettingCatalog.FetchSettings.Aggregate(start, (o, kv) =>
            _values[kv.Key] is { Source: not SettingSource.Default } v && layers(v.Source) ? kv.Value(o, v.Current!) : o);
}
