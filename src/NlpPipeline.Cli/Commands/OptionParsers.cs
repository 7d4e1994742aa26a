using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Commands;

/// <summary>Options shared by several commands, with parsers that give clear messages.</summary>
internal static class OptionParsers
{
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = r =>
        {
            var s = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            r.AddError($"{name}: '{s}' is not a date like 2022-01-05");
            return null;
        },
    };

    public static Option<Language?> Language() => new("--language")
    {
        Description = $"Only passages identified as this language: {string.Join(", ", LabelNames.Languages.Names)}",
        HelpName = "L",
        CustomParser = r =>
        {
            var s = r.Tokens.Single().Value;
            if (LabelNames.Languages.TryParse(s, out var l)) return l;
            r.AddError($"--language: '{s}' is not one of {string.Join(", ", LabelNames.Languages.Names)}");
            return null;
        },
    };

    /// <summary>An option taking one label of <paramref name="names"/> (its LABELS.md wire name).</summary>
    public static Option<T?> Label<T>(string name, WireNames<T> names, string description) where T : struct, Enum => new(name)
    {
        Description = $"{description}: {string.Join(", ", names.Names)}",
        HelpName = "LABEL",
        CustomParser = r =>
        {
            var s = r.Tokens.Single().Value;
            if (names.TryParse(s, out var v)) return v;
            r.AddError($"{name}: '{s}' is not one of {string.Join(", ", names.Names)}");
            return null;
        },
    };

    /// <summary>A --format option over the given formats (the first is the default); read it with <see cref="ParseFormat"/>.</summary>
    public static Option<string> Format(params ReportFormat[] allowed)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format",
            HelpName = string.Join("|", allowed.Select(Name)),
            DefaultValueFactory = _ => Name(allowed[0]),
        };
        option.AcceptOnlyFromAmong([.. allowed.Select(Name)]);
        return option;
    }

    public static ReportFormat ParseFormat(string name) => name switch
    {
        "table" => ReportFormat.Table,
        "csv" => ReportFormat.Csv,
        "json" => ReportFormat.Json,
        _ => throw new UsageException($"--format: '{name}' is not a known format"),
    };

    public static Option<string?> Out(string description) => new("--out", "-o") { Description = description, HelpName = "PATH" };

    public static string Name(ReportFormat f) => f switch
    {
        ReportFormat.Table => "table",
        ReportFormat.Csv => "csv",
        ReportFormat.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };
}
