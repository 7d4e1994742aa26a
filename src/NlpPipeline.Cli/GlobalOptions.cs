using System.CommandLine;

namespace NlpPipeline.Cli;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Db { get; } = new("--db")
    {
        Description = $"SQLite database file (default: ${NlpPaths.DbVariable} or {NlpPaths.DefaultDb})",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log every item and show error details",
        Recursive = true,
    };

    public Option<string?> Log { get; } = new("--log")
    {
        Description = "Also write the log as JSON lines (time, level, category, message, properties, exception) to this file, appended to; " +
                      "at least Information level even with --quiet",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Log only warnings and errors",
        Recursive = true,
    };
}
