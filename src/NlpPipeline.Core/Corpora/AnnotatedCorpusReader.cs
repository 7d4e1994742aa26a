using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// Reads annotated JSONL files (LABELS.md). A file is all or nothing: the first bad line throws
/// <see cref="CorpusFormatException"/> with its line number and nothing from the file is returned.
/// </summary>
public static class AnnotatedCorpusReader
{
    private static readonly string[] Required = ["id", "text", "language", "intent", "topics", "sentiment", "source_kind", "annotator"];

    /// <summary>Reads every <c>*.jsonl</c> in a folder (sorted by name) and checks ids are unique across them.</summary>
    public static IReadOnlyList<AnnotatedPassage> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Annotated corpus folder not found: {folder}");
        var files = Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException($"No *.jsonl files in {folder}");
        var all = new List<AnnotatedPassage>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (passage, line) in ReadLines(file))
            {
                if (!seen.TryAdd(passage.Id, file))
                    throw new CorpusFormatException(file, line, $"id '{passage.Id}' already used in {seen[passage.Id]}");
                all.Add(passage);
            }
        }
        return all;
    }

    public static IReadOnlyList<AnnotatedPassage> ReadFile(string path) => ReadLines(path).Select(x => x.Passage).ToList();

    private static List<(AnnotatedPassage Passage, int Line)> ReadLines(string path)
    {
        var result = new List<(AnnotatedPassage, int)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var passage = ParseLine(path, lineNo, line);
            if (!ids.Add(passage.Id))
                throw new CorpusFormatException(path, lineNo, $"duplicate id '{passage.Id}'");
            result.Add((passage, lineNo));
        }
        return result;
    }

    public static AnnotatedPassage ParseLine(string path, int lineNo, string line)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException ex) { throw new CorpusFormatException(path, lineNo, $"invalid JSON ({ex.Message})", ex); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new CorpusFormatException(path, lineNo, "expected a JSON object");
            foreach (var key in Required)
                if (!root.TryGetProperty(key, out _))
                    throw new CorpusFormatException(path, lineNo, $"missing field '{key}'");

            string Str(string key)
            {
                var e = root.GetProperty(key);
                if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
                    throw new CorpusFormatException(path, lineNo, $"field '{key}' must be a non-empty string");
                return e.GetString()!;
            }
            T Label<T>(string key, WireNames<T> names) where T : struct, Enum
            {
                var s = Str(key);
                return names.TryParse(s, out var v) ? v
                    : throw new CorpusFormatException(path, lineNo, $"unknown {key} label '{s}' (expected one of: {string.Join(", ", names.Names)})");
            }

            var topicsElement = root.GetProperty("topics");
            if (topicsElement.ValueKind != JsonValueKind.Array)
                throw new CorpusFormatException(path, lineNo, "field 'topics' must be an array");
            var topics = new List<Topic>();
            foreach (var t in topicsElement.EnumerateArray())
            {
                var s = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (!LabelNames.Topics.TryParse(s, out var topic))
                    throw new CorpusFormatException(path, lineNo, $"unknown topic label '{t}' (expected any of: {string.Join(", ", LabelNames.Topics.Names)})");
                if (!topics.Contains(topic)) topics.Add(topic);
            }
            string? note = root.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

            var text = TextNormalizer.Normalize(Str("text"));
            if (text.Length == 0) throw new CorpusFormatException(path, lineNo, "field 'text' holds no visible characters");
            return new AnnotatedPassage(
                Str("id"), text,
                Label("language", LabelNames.Languages), Label("intent", LabelNames.Intents), topics,
                Label("sentiment", LabelNames.Sentiments), Label("source_kind", LabelNames.SourceKinds),
                Str("annotator"), note);
        }
    }
}
