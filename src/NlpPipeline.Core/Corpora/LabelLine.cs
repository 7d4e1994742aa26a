using System.Text.Json;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// One JSON object line of a labelled file (the annotated corpus, a second annotation), read by the rules of
/// LABELS.md: labels exact, topics an array of topic names. Every problem throws
/// <see cref="CorpusFormatException"/> naming the file and line, with the same wording in every file kind.
/// </summary>
internal sealed class LabelLine : IDisposable
{
    private readonly JsonDocument _doc;
    private readonly string _path;
    private readonly int _line;

    private LabelLine(JsonDocument doc, string path, int line) => (_doc, _path, _line) = (doc, path, line);

    private JsonElement Root => _doc.RootElement;

    /// <summary>Parses the line and checks it is an object holding every one of <paramref name="required"/>.</summary>
    public static LabelLine Parse(string path, int lineNo, string line, IEnumerable<string> required)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException ex) { throw new CorpusFormatException(path, lineNo, $"invalid JSON ({ex.Message})", ex); }
        var result = new LabelLine(doc, path, lineNo);
        try
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CorpusFormatException(path, lineNo, "expected a JSON object");
            foreach (var key in required)
                if (!doc.RootElement.TryGetProperty(key, out _))
                    throw new CorpusFormatException(path, lineNo, $"missing field '{key}'");
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public CorpusFormatException Error(string message) => new(_path, _line, message);

    public bool Has(string key) => Root.TryGetProperty(key, out _);

    public string String(string key)
    {
        var e = Root.GetProperty(key);
        if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            throw Error($"field '{key}' must be a non-empty string");
        return e.GetString()!;
    }

    public T Label<T>(string key, WireNames<T> names) where T : struct, Enum
    {
        var s = String(key);
        return names.TryParse(s, out var v) ? v
            : throw Error($"unknown {key} label '{s}' (expected one of: {string.Join(", ", names.Names)})");
    }

    /// <summary>The topics array, without repeats, in the order written.</summary>
    public List<Topic> Topics()
    {
        var topicsElement = Root.GetProperty("topics");
        if (topicsElement.ValueKind != JsonValueKind.Array) throw Error("field 'topics' must be an array");
        var topics = new List<Topic>();
        foreach (var t in topicsElement.EnumerateArray())
        {
            var s = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!LabelNames.Topics.TryParse(s, out var topic))
                throw Error($"unknown topic label '{t}' (expected any of: {string.Join(", ", LabelNames.Topics.Names)})");
            if (!topics.Contains(topic)) topics.Add(topic);
        }
        return topics;
    }

    public string? Note() => Root.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    public void Dispose() => _doc.Dispose();
}
