using NlpPipeline.Core.Export;
using System.Text.Json;

namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// Reads generic post dumps: JSON Lines (one object per line) or CSV with a header row. Fields: id and
/// text (required), created_at (ISO 8601 or Unix time; empty means undated), platform (else the
/// --platform default), url (http or https), author (optional). Unknown fields are ignored, so dumps
/// with extra columns (likes, reposts) import as they are.
/// </summary>
internal static class PostDumpReader
{
    private static readonly string[] RequiredColumns = ["id", "text", "created_at", "platform", "url"];

    public static ImportBatch ReadJsonl(string text, string? platform, List<(int, string)> problems)
    {
        var posts = new List<ImportedPost>();
        var empty = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            Dictionary<string, string?> fields;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { problems.Add((i + 1, "not a JSON object")); continue; }
                fields = doc.RootElement.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Scalar(g.First().Value));
            }
            catch (JsonException ex) { problems.Add((i + 1, $"not valid JSON ({ex.Message})")); continue; }
            if (Post(fields, platform, i + 1, problems, ref empty) is { } post) posts.Add(post);
        }
        return new ImportBatch(posts, 0, empty, null);
    }

    public static ImportBatch ReadCsv(string text, string? platform, List<(int, string)> problems)
    {
        var records = CsvRecords.Read(text).ToList();
        if (records.Count == 0) { problems.Add((1, "the file is empty: a header row is needed")); return new ImportBatch([], 0, 0, null); }
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add((records[0].Line, $"the header lacks column(s) {string.Join(", ", missing)} (needed: {string.Join(", ", RequiredColumns)}; optional: author)"));
            return new ImportBatch([], 0, 0, null);
        }
        var posts = new List<ImportedPost>();
        var empty = 0;
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0) continue;   // a blank line
            if (record.Fields.Count != header.Count) { problems.Add((record.Line, $"{record.Fields.Count} fields, but the header has {header.Count}")); continue; }
            var fields = new Dictionary<string, string?>();
            for (var c = 0; c < header.Count; c++) fields.TryAdd(header[c], record.Fields[c]);
            if (Post(fields, platform, record.Line, problems, ref empty) is { } post) posts.Add(post);
        }
        return new ImportBatch(posts, 0, empty, null);
    }

    private static ImportedPost? Post(Dictionary<string, string?> f, string? defaultPlatform, int line, List<(int, string)> problems, ref int empty)
    {
        var before = problems.Count;
        var id = Get(f, "id");
        if (id is null) problems.Add((line, "no id"));
        if (!f.TryGetValue("text", out var text) || text is null) problems.Add((line, "no text field"));
        var platform = Get(f, "platform") ?? defaultPlatform;
        if (platform is null) problems.Add((line, "no platform (the field is empty and no --platform was given)"));
        DateTimeOffset? created = null;
        if (Get(f, "created_at") is { } createdText)
        {
            if (PostTime.TryParse(createdText, out var t)) created = t;
            else problems.Add((line, $"created_at '{createdText}' is not a time (ISO 8601 or Unix seconds)"));
        }
        Uri? url = null;
        if (Get(f, "url") is { } urlText)
        {
            if (Uri.TryCreate(urlText, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") url = u;
            else problems.Add((line, $"url '{urlText}' is not an http(s) address"));
        }
        if (problems.Count > before) return null;
        if (string.IsNullOrWhiteSpace(text)) { empty++; return null; }
        return new ImportedPost(platform!.ToLowerInvariant(), id!, text, created, url, Get(f, "author"), line);
    }

    private static string? Get(Dictionary<string, string?> f, string key) =>
        f.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };
}
