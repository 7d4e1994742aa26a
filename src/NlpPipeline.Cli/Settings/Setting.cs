using System.Globalization;
using System.Text.Json;

namespace NlpPipeline.Cli.Settings;

/// <summary>The JSON type of a setting's value, and how its text (an environment variable, an option) is read.</summary>
internal enum SettingKind
{
    /// <summary>A string (a path, a name, a time zone, a cron expression).</summary>
    Text,
    /// <summary>A whole number between <see cref="Setting.Min"/> and <see cref="Setting.Max"/>.</summary>
    Integer,
    /// <summary>A number of seconds (fractions allowed) between <see cref="Setting.Min"/> and <see cref="Setting.Max"/>; read as a <see cref="TimeSpan"/>.</summary>
    Seconds,
    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>
/// One operator setting: its key in the settings file (<c>section.name</c>), its environment variable, its
/// built-in default (null: unset) and how a value is read and checked. Every value, from whichever layer,
/// goes through <see cref="ParseText"/> or <see cref="ReadJson"/>, so the same rules hold everywhere.
/// Values are <see cref="string"/>, <see cref="int"/>, <see cref="TimeSpan"/> or <see cref="bool"/>.
/// </summary>
internal sealed class Setting(string key, string variable, SettingKind kind, object? defaultValue, string description)
{
    public string Key { get; } = key;
    public string Variable { get; } = variable;
    public SettingKind Kind { get; } = kind;
    public object? Default { get; } = defaultValue;
    public string Description { get; } = description;

    public double Min { get; init; } = double.MinValue;
    public double Max { get; init; } = double.MaxValue;

    /// <summary>A further check of a well-typed value: the problem, or null when the value is fine.</summary>
    public Func<object, string?>? Check { get; init; }

    /// <summary>Shown as "(set)" by <c>nlp config show</c>, never in clear.</summary>
    public bool Secret { get; init; }

    /// <summary>The settings-file section (<c>fetch</c> of <c>fetch.retries</c>), or null for a top-level key.</summary>
    public string? Section => Key.Contains('.') ? Key[..Key.IndexOf('.')] : null;

    /// <summary>The key inside its section (<c>retries</c> of <c>fetch.retries</c>).</summary>
    public string Name => Key.Contains('.') ? Key[(Key.IndexOf('.') + 1)..] : Key;

    /// <summary>Reads a value given as text (an environment variable, a command-line option). Throws <see cref="FormatException"/> with the problem.</summary>
    public object ParseText(string text)
    {
        var t = text.Trim();
        object value = Kind switch
        {
            SettingKind.Text => t.Length > 0 ? t : throw new FormatException("must not be empty"),
            SettingKind.Integer => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? InRange(n) : throw new FormatException($"'{t}' is not a whole number"),
            SettingKind.Seconds => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s)
                ? Seconds(s) : throw new FormatException($"'{t}' is not a number of seconds"),
            SettingKind.Boolean => t.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new FormatException($"'{t}' is not true or false"),
            },
            _ => throw new System.Diagnostics.UnreachableException(Kind.ToString()),
        };
        return Checked(value);
    }

    /// <summary>Reads the value at the reader's current token (a settings file). Throws <see cref="FormatException"/> with the problem.</summary>
    public object ReadJson(ref Utf8JsonReader r)
    {
        object value = (Kind, r.TokenType) switch
        {
            (SettingKind.Text, JsonTokenType.String) => r.GetString()!.Trim() is { Length: > 0 } t ? t : throw new FormatException("must not be empty"),
            (SettingKind.Integer, JsonTokenType.Number) => r.TryGetInt64(out var n) ? InRange(n)
                : throw new FormatException($"must be a whole number, not {Raw(ref r)}"),
            (SettingKind.Seconds, JsonTokenType.Number) => r.TryGetDouble(out var s) && double.IsFinite(s) ? Seconds(s)
                : throw new FormatException($"must be a number of seconds, not {Raw(ref r)}"),
            (SettingKind.Boolean, JsonTokenType.True) => true,
            (SettingKind.Boolean, JsonTokenType.False) => false,
            _ => throw new FormatException($"must be {Expected}, not {Describe(r.TokenType)}"),
        };
        return Checked(value);
    }

    /// <summary>The value as a JSON literal, as the settings file writes it.</summary>
    public string ToJson(object value) => value switch
    {
        string s => JsonSerializer.Serialize(s, Json),
        TimeSpan t => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new System.Diagnostics.UnreachableException(value.GetType().Name),
    };

    /// <summary>The value as <c>nlp config show</c> prints it (secrets hidden).</summary>
    public string ToDisplay(object? value) => value is null ? "(not set)" : Secret ? "(set)" : value is string s ? s : ToJson(value);

    private string Expected => Kind switch
    {
        SettingKind.Text => "a string",
        SettingKind.Integer => "a whole number",
        SettingKind.Seconds => "a number of seconds",
        SettingKind.Boolean => "true or false",
        _ => throw new System.Diagnostics.UnreachableException(Kind.ToString()),
    };

    private object InRange(long n) => n >= Min && n <= Max ? (int)n : throw new FormatException($"must be between {Min} and {Max}, not {n}");

    private object Seconds(double s) => s >= Min && s <= Max ? TimeSpan.FromSeconds(s)
        : throw new FormatException($"must be between {Min} and {Max} seconds, not {s.ToString(CultureInfo.InvariantCulture)}");

    private object Checked(object value) => Check?.Invoke(value) is { } problem ? throw new FormatException(problem) : value;

    private static string Raw(ref Utf8JsonReader r) =>
        System.Text.Encoding.UTF8.GetString(r.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(r.ValueSequence) : r.ValueSpan.ToArray());

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => t.ToString(),
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
