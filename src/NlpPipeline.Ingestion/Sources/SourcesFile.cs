using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Ingestion.Sources;

/// <summary>
/// Reads a sources file: <c>{"sources": [{"id", "outlet", "kind", "url", "language"?, "source_kind"?}]}</c>.
/// <c>kind</c> is feed, page or telegram; <c>language</c> is a hint; <c>source_kind</c> is news or social
/// (default: social for telegram, news otherwise). Relative paths in <c>url</c> are read relative to the
/// sources file. An optional top-level <c>"fetch"</c> object sets <see cref="FetchOptions"/> (see
/// <see cref="FetchSettings"/>). Unknown keys, missing fields and bad values are errors naming the line and the field.
/// </summary>
public static partial class SourcesFile
{
    private static readonly HashSet<string> SourceKeys = ["id", "outlet", "kind", "url", "language", "source_kind"];

    public static IReadOnlyList<Source> Load(string path) => LoadSettings(path).Sources;

    public static IReadOnlyList<Source> Parse(byte[] json, string name, string baseDirectory) => ParseSettings(json, name, baseDirectory).Sources;

    /// <summary>
    /// The sources and the fetch settings of a sources file. The file's <c>"fetch"</c> keys apply over
    /// <paramref name="fetchDefaults"/> (the operator's settings; <see cref="FetchOptions.Default"/> when null).
    /// </summary>
    public static SourcesSettings LoadSettings(string path, FetchOptions? fetchDefaults = null)
    {
        if (!File.Exists(path)) throw new SourcesFileException($"Sources file not found: {path}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        { throw new SourcesFileException($"Cannot read sources file {path}: {ex.Message}", ex); }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return ParseSettings(bytes, path, baseDir, fetchDefaults);
    }

    public static SourcesSettings ParseSettings(byte[] json, string name, string baseDirectory, FetchOptions? fetchDefaults = null)
    {
        if (json.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) json = json[3..];   // UTF-8 BOM, as Notepad writes
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var ctx = new Context(name, baseDirectory, json);
        try
        {
            var sources = ReadRoot(ref reader, ctx, fetchDefaults ?? FetchOptions.Default);
            if (reader.Read())   // anything after the root object (two objects after a bad merge) is an error
                throw Error(name, ctx.Line(ref reader), "unexpected content after the root object");
            return sources;
        }
        catch (JsonException ex)
        {
            throw new SourcesFileException($"{name}:{(ex.LineNumber ?? 0) + 1}: invalid JSON ({FirstSentence(ex.Message)})", ex);
        }
    }

    private static SourcesSettings ReadRoot(ref Utf8JsonReader r, Context c, FetchOptions fetchDefaults)
    {
        Expect(ref r, JsonTokenType.StartObject, c, "the file must be a JSON object with a \"sources\" array");
        List<Source>? sources = null;
        var fetch = fetchDefaults;
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var line = c.Line(ref r);
            var key = r.GetString()!;
            if (key == "fetch")
            {
                fetch = ReadFetch(ref r, c, line, fetchDefaults);
                continue;
            }
            if (key != "sources") throw Error(c.Name, line, $"unknown key \"{key}\" (expected \"sources\" or \"fetch\")");
            Expect(ref r, JsonTokenType.StartArray, c, "\"sources\" must be an array");
            sources = [];
            while (Next(ref r) == JsonTokenType.StartObject)
                sources.Add(ReadSource(ref r, c, sources.Count));
            if (r.TokenType != JsonTokenType.EndArray) throw Error(c.Name, c.Line(ref r), "each entry of \"sources\" must be an object");
        }
        if (sources is null) throw Error(c.Name, 1, "missing \"sources\" array");
        var dup = sources.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw Error(c.Name, 0, $"source id \"{dup.Key}\" appears {dup.Count()} times");
        return new SourcesSettings(sources, fetch);
    }

    private static Source ReadSource(ref Utf8JsonReader r, Context c, int index)
    {
        var startLine = c.Line(ref r);
        var values = new Dictionary<string, (string Value, int Line)>();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var line = c.Line(ref r);
            var key = r.GetString()!;
            if (!SourceKeys.Contains(key))
                throw Error(c.Name, line, $"sources[{index}]: unknown key \"{key}\" (allowed: {string.Join(", ", SourceKeys)})");
            if (Next(ref r) != JsonTokenType.String)
                throw Error(c.Name, line, $"sources[{index}].{key} must be a string");
            if (!values.TryAdd(key, (r.GetString()!.Trim(), line)))
                throw Error(c.Name, line, $"sources[{index}]: \"{key}\" appears twice");
        }
        string Required(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.Value)
            ? v.Value.Trim() : throw Error(c.Name, startLine, $"sources[{index}]: missing \"{key}\"");
        int LineOf(string key) => values[key].Line;

        var id = Required("id");
        var outlet = Required("outlet");
        var kindText = Required("kind");
        if (!SourceTypeNames.Table.TryParse(kindText, out var type))
            throw Error(c.Name, LineOf("kind"), $"source \"{id}\": kind \"{kindText}\" is not one of {string.Join(", ", SourceTypeNames.Table.Names)}");
        var url = ResolveUrl(Required("url"), c.BaseDirectory)
            ?? throw Error(c.Name, LineOf("url"), $"source \"{id}\": url \"{values["url"].Value}\" is not an http(s):// or file:// URL or a path");
        if (type == SourceType.Telegram && !TelegramChannel.TryParse(url, out _))
            throw Error(c.Name, LineOf("url"), $"source \"{id}\": a telegram url must be a channel's web preview, http(s)://HOST/s/NAME (e.g. https://t.me/s/NAME), not \"{values["url"].Value}\"");
        Language? hint = null;
        if (values.TryGetValue("language", out var lang))
        {
            if (!LabelNames.Languages.TryParse(lang.Value, out var l))
                throw Error(c.Name, lang.Line, $"source \"{id}\": language \"{lang.Value}\" is not one of {string.Join(", ", LabelNames.Languages.Names)}");
            hint = l;
        }
        var kind = type == SourceType.Telegram ? SourceKind.Social : SourceKind.News;
        if (values.TryGetValue("source_kind", out var sk) && !LabelNames.SourceKinds.TryParse(sk.Value, out kind))
            throw Error(c.Name, sk.Line, $"source \"{id}\": source_kind \"{sk.Value}\" is not one of {string.Join(", ", LabelNames.SourceKinds.Names)}");
        return new Source(id, outlet, type, url, hint, kind);
    }

    /// <summary>http(s) and file URLs as they are; anything else is a path, relative to the sources file.</summary>
    public static Uri? ResolveUrl(string value, string baseDirectory)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https" or "file")
            return abs;
        if (value.Contains("://", StringComparison.Ordinal)) return null;
        try { return new Uri(Path.GetFullPath(Path.Combine(baseDirectory, value))); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) => r.Read() ? r.TokenType : JsonTokenType.None;

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type, Context c, string message)
    {
        if (Next(ref r) != type) throw Error(c.Name, c.Line(ref r), message);
    }

    private sealed class Context(string name, string baseDirectory, byte[] json)
    {
        public string Name { get; } = name;
        public string BaseDirectory { get; } = baseDirectory;

        /// <summary>1-based line of the reader's current token (Utf8JsonReader counts bytes, not lines).</summary>
        public int Line(ref Utf8JsonReader r)
        {
            var end = (int)Math.Min(r.TokenStartIndex, json.Length);
            var line = 1;
            for (var i = 0; i < end; i++) if (json[i] == (byte)'\n') line++;
            return line;
        }
    }

    private static SourcesFileException Error(string name, int line, string message) =>
        new(line > 0 ? $"{name}:{line}: {message}" : $"{name}: {message}");

    private static string FirstSentence(string message) => message.Split(". ")[0];
}
