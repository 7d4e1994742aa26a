using System.Text;
using System.Text.Json;

namespace NlpPipeline.Cli.Settings;

/// <summary>
/// Reads a settings file: a JSON object of top-level settings (<c>db</c>, <c>models</c>) and sections
/// (<c>"fetch": {"retries": 3}</c>), keys as in <see cref="SettingCatalog"/>. Comments and trailing commas are
/// allowed; null leaves a setting at its default. An unknown key, a key given twice, a value of the wrong type or
/// a bad value is an error naming the file, the line and the key.
/// </summary>
internal static class SettingsFile
{
    public sealed record Entry(Setting Setting, object Value, int Line);

    public static IReadOnlyList<Entry> Load(string path)
    {
        if (!File.Exists(path)) throw new SettingsException($"settings file not found: {path}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"cannot read settings file {path}: {ex.Message}", ex);
        }
        return Parse(bytes, path);
    }

    public static IReadOnlyList<Entry> Parse(byte[] json, string name)
    {
        if (json.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) json = json[3..];
        var r = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var entries = new List<Entry>();
        try
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
                throw Error(name, Line(json, ref r), "the file must be one JSON object of settings");
            ReadObject(ref r, json, name, null, entries);
            if (r.Read()) throw Error(name, Line(json, ref r), "unexpected content after the settings object");
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"{name}:{(ex.LineNumber ?? 0) + 1}: invalid JSON ({ex.Message.Split(". ")[0]})", ex);
        }
        return entries;
    }

    private static void ReadObject(ref Utf8JsonReader r, byte[] json, string name, string? section, List<Entry> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var line = Line(json, ref r);
            var key = section is null ? r.GetString()! : $"{section}.{r.GetString()}";
            if (!seen.Add(key)) throw Error(name, line, $"\"{key}\" appears twice");
            r.Read();
            if (section is null && r.TokenType == JsonTokenType.StartObject && SettingCatalog.All.Any(s => s.Section == key))
            {
                ReadObject(ref r, json, name, key, entries);
                continue;
            }
            var setting = SettingCatalog.Find(key) ?? throw Error(name, line, Unknown(key, section));
            if (r.TokenType == JsonTokenType.Null) continue;
            try { entries.Add(new Entry(setting, setting.ReadJson(ref r), line)); }
            catch (FormatException ex) { throw Error(name, line, $"{key}: {ex.Message}"); }
        }
        if (r.TokenType != JsonTokenType.EndObject) throw Error(name, Line(json, ref r), "expected a key");
    }

    private static string Unknown(string key, string? section)
    {
        if (section is null && SettingCatalog.All.Any(s => s.Section == key)) return $"\"{key}\" must be an object of settings";
        var known = SettingCatalog.All.Where(s => s.Section == section).Select(s => s.Name)
            .Concat(section is null ? SettingCatalog.All.Select(s => s.Section).OfType<string>().Distinct() : []);
        var near = SettingCatalog.All.Select(s => s.Key).MinBy(k => Distance(k, key));
        var hint = near is not null && Distance(near, key) <= 3 ? $"; did you mean \"{near}\"?" : "";
        return $"unknown key \"{key}\" (known{(section is null ? "" : $" in \"{section}\"")}: {string.Join(", ", known)}){hint}";
    }

    /// <summary>Levenshtein distance, for the "did you mean" of a misspelt key.</summary>
    private static int Distance(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            prev = cur;
        }
        return prev[b.Length];
    }

    /// <summary>1-based line of the reader's current token (Utf8JsonReader counts bytes, not lines).</summary>
    private static int Line(byte[] json, ref Utf8JsonReader r)
    {
        var end = (int)Math.Min(r.TokenStartIndex, json.Length);
        return json.AsSpan(0, end).Count((byte)'\n') + 1;
    }

    private static SettingsException Error(string name, int line, string message) => new($"{name}:{line}: {message}");

    /// <summary>The text of a settings file with every setting at its default, each explained; optional ones commented out.</summary>
    public static string Example()
    {
        var sb = new StringBuilder();
        sb.AppendLine("// NlpPipeline settings (nlp config init). Precedence: command-line options, then NLP_ environment variables,");
        sb.AppendLine("// then this file, then the built-in defaults. Keys you leave out (or set to null) keep their default.");
        sb.AppendLine("// Paths are relative to the current directory. Check the result with 'nlp config show'.");
        sb.AppendLine("{");
        var groups = SettingCatalog.All.GroupBy(s => s.Section).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var section = groups[g].Key;
            var indent = section is null ? "  " : "    ";
            if (section is not null) sb.AppendLine($"  \"{section}\": {{");
            var items = groups[g].ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var s = items[i];
                // A comma after every value but the last one left in force in its object (the top object ends with a section).
                var comma = section is null || items.Skip(i + 1).Any(n => n.Default is not null) ? "," : "";
                sb.AppendLine($"{indent}// {s.Description}. Environment: {s.Variable}.");
                sb.AppendLine(s.Default is null
                    ? $"{indent}// \"{s.Name}\": {ExampleValue(s)},"
                    : $"{indent}\"{s.Name}\": {s.ToJson(s.Default)}{comma}");
            }
            if (section is not null) sb.AppendLine(g < groups.Count - 1 ? "  }," : "  }");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string ExampleValue(Setting s) => s.Key switch
    {
        "log.file" => "\"logs/nlp.jsonl\"",
        "ingest.sources" => "\"sources.json\"",
        "import.author_salt" => "\"a long team secret\"",
        "schedule.cron" => "\"0 2 * * *\"",
        _ => "\"...\"",
    };
}
