namespace NlpPipeline.Cli.Settings;

/// <summary>Where a setting's value came from, lowest precedence first: a later layer wins over an earlier one.</summary>
internal enum SettingSource
{
    Default,
    File,
    Environment,
    CommandLine,
}

internal static class SettingSourceNames
{
    public static string ToText(this SettingSource source) => source switch
    {
        SettingSource.Default => "default",
        SettingSource.File => "file",
        SettingSource.Environment => "env",
        SettingSource.CommandLine => "command line",
        _ => throw new System.Diagnostics.UnreachableException(source.ToString()),
    };
}
