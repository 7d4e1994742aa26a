using System.CommandLine;
using System.CommandLine.Parsing;

namespace NlpPipeline.Cli.Settings;

/// <summary>A command-line option that sets a setting; it wins over the settings file and the environment when given.</summary>
internal interface ISettingOption
{
    Setting Setting { get; }

    /// <summary>The value as text when the option was given, else null.</summary>
    string? GivenText(ParseResult pr);
}

/// <summary>An option with a value (<c>--db PATH</c>), read by the setting's own rules. Its help names the setting, the variable and the default.</summary>
internal sealed class SettingOption : Option<string?>, ISettingOption
{
    /// <param name="between">A layer between the variable and the settings file (the sources file's fetch object), named in the help.</param>
    public SettingOption(Setting setting, string name, string description, string helpName, string[]? aliases = null, string? between = null)
        : base(name, aliases ?? [])
    {
        Setting = setting;
        HelpName = helpName;
        var middle = between is null ? "" : $", else {between}";
        Description = $"{description} (default: ${setting.Variable}{middle}, else {setting.Key} in the settings file, else {DefaultText(setting)})";
    }

    public Setting Setting { get; }

    public string? GivenText(ParseResult pr) => pr.GetResult(this) is { Implicit: false } ? pr.GetValue(this) ?? "" : null;

    internal static string DefaultText(Setting s) => s.Default is null ? "none" : s.ToDisplay(s.Default);
}

/// <summary>A flag that sets a setting to one value when given (<c>--verbose</c>: log.level debug).</summary>
internal sealed class SettingFlag : Option<bool>, ISettingOption
{
    private readonly string _value;

    public SettingFlag(Setting setting, string value, string name, string description, params string[] aliases) : base(name, aliases)
    {
        Setting = setting;
        _value = value;
        Description = description;
    }

    public Setting Setting { get; }

    public string? GivenText(ParseResult pr) => pr.GetResult(this) is { Implicit: false } && pr.GetValue(this) ? _value : null;
}

internal static class SettingOptions
{
    /// <summary>The values given on the command line, by the options of the command and its parents (recursive global options included); the first given for a setting wins.</summary>
    public static IEnumerable<NlpSettings.CommandLineValue> Given(ParseResult pr)
    {
        var seen = new HashSet<Setting>();
        for (Command? c = pr.CommandResult.Command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            foreach (var o in c.Options)
                if (o is ISettingOption so && so.GivenText(pr) is { } text && seen.Add(so.Setting))
                    yield return new(so.Setting, text, o.Name);
    }
}
