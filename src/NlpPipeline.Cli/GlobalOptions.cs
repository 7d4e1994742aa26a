using System.CommandLine;
using NlpPipeline.Cli.Settings;

namespace NlpPipeline.Cli;

/// <summary>Options every command accepts. All but --settings set a setting (see <see cref="SettingCatalog"/>).</summary>
internal sealed class GlobalOptions
{
    public SettingOption Db { get; } = new(SettingCatalog.Db, "--db", "SQLite database file", "PATH") { Recursive = true };

    public SettingFlag Verbose { get; } = new(SettingCatalog.LogLevel, "debug", "--verbose", "Log every item and show error details (log.level debug)", "-v")
    {
        Recursive = true,
    };

    public SettingOption Log { get; } = new(SettingCatalog.LogFile, "--log",
        "Also write the log as JSON lines (time, level, category, message, properties, exception) to this file, appended to; " +
        "at least Information level even with --quiet", "PATH") { Recursive = true };

    public SettingFlag Quiet { get; } = new(SettingCatalog.LogLevel, "warning", "--quiet", "Log only warnings and errors (log.level warning)", "-q")
    {
        Recursive = true,
    };

    public Option<string?> Settings { get; } = new("--settings")
    {
        Description = $"Settings file (JSON; default: ${SettingCatalog.SettingsVariable}, else {NlpPaths.DefaultSettings} in the current directory if it exists). " +
                      "Command-line options win over NLP_ environment variables, which win over the file; see 'nlp config show'",
        HelpName = "PATH",
        Recursive = true,
    };
}
