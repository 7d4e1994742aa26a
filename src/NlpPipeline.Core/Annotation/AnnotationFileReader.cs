using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>
/// Reads a labelled batch file: CSV (as a spreadsheet saves it: UTF-8 with or without BOM, CRLF or LF,
/// comma, semicolon or tab between fields) or JSON Lines (<c>.jsonl</c>). Columns: <c>id</c>, <c>intent</c>,
/// <c>topics</c>, <c>sentiment</c> (required), <c>batch</c>, <c>language</c>, <c>note</c> (optional); any other
/// column (text, pred_*, source, …) is ignored. Labels are the LABELS.md names; case and surrounding spaces
/// are ignored (spreadsheets capitalise a cell's first letter), anything else must be exact, and a near miss
/// is named in the message. Topics are separated by ';' (or ','); an empty topics cell means no topic. A row
/// whose intent, topics and sentiment are all empty is unlabelled and skipped; a row with only some of them
/// is an error. Every problem is collected with its line number, and the file is rejected as a whole.
/// </summary>
public static class AnnotationFileReader
{
    private static readonly string[] RequiredColumns = ["id", "intent", "topics", "sentiment"];

    public static AnnotationFile Read(string path)
    {
        var (file, problems) = ReadWithProblems(path);
        return problems.Count > 0 ? throw new AnnotationFileException(path, problems) : file;
    }

    /// <summary>
    /// Reads what can be read and returns every problem instead of throwing, so a caller can add its own
    /// checks (ids against the database) and report everything at once. <see cref="AnnotationFile.Ids"/> lists
    /// the id of every labelled line, including lines whose labels have problems.
    /// </summary>
    public static (AnnotationFile File, IReadOnlyList<(int Line, string Message)> Problems) ReadWithProblems(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Annotation file not found: {path}");
        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException)
        {
            throw new AnnotationFileException(path, [(0, "the file is not UTF-8 text; in the spreadsheet choose 'Save as' → CSV with character set UTF-8")]);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var problems = new List<(int, string)>();
        var rows = new List<AnnotationRow>();
        var unlabelled = 0;
        var json = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var raw = json ? JsonLines(text, problems) : CsvLines(text, problems);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var batchCells = new HashSet<long>();
        foreach (var r in raw)
        {
            if (r.Id?.Trim() is { Length: > 0 } id && !r.AllLabelsEmpty)
            {
                if (ids.TryGetValue(id, out var first)) { problems.Add((r.Line, $"passage id '{id}' appears again (first on line {first})")); continue; }
                ids[id] = r.Line;
                if (long.TryParse(r.Batch?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b)) batchCells.Add(b);
            }
            var row = Parse(r, problems);
            if (row is not null) rows.Add(row);
            else if (r.AllLabelsEmpty && !string.IsNullOrWhiteSpace(r.Id)) unlabelled++;
        }
        var batches = batchCells.Order().ToList();
        if (batches.Count > 1) problems.Add((0, $"rows name {batches.Count} different batches ({string.Join(", ", batches)}); import one batch's file at a time"));
        var all = ids.Select(kv => (kv.Value, kv.Key)).OrderBy(x => x.Value).ToList();
        return (new AnnotationFile(path, sha, rows, unlabelled, batches.Count == 1 ? batches[0] : null, all), problems);
    }

    /// <summary>
    /// Labels given as separate values (the options of <c>nlp annotate resolve</c>), read by the same rules as a
    /// file's cells; problems are reported under <paramref name="origin"/>.
    /// </summary>
    public static AnnotationRow ParseLabels(string origin, string id, string? intent, string? topics, string? sentiment, string? language, string? note)
    {
        var problems = new List<(int, string)>();
        var raw = new RawRow(0, id, null, language, intent, topics, sentiment, note);
        if (raw.AllLabelsEmpty) problems.Add((0, "give the labels: intent, topics (may be empty) and sentiment"));
        var row = raw.AllLabelsEmpty ? null : Parse(raw, problems);
        if (row is null || problems.Count > 0) throw new AnnotationFileException(origin, problems);
        return row;
    }

    /// <summary>The annotator or adjudicator name rule: 1–40 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 40 } && name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>One line's cells, by column name (null: the file has no such column).</summary>
    private sealed record RawRow(int Line, string? Id, string? Batch, string? Language, string? Intent, string? Topics, string? Sentiment, string? Note)
    {
        public bool AllLabelsEmpty => string.IsNullOrWhiteSpace(Intent) && string.IsNullOrWhiteSpace(Topics) && string.IsNullOrWhiteSpace(Sentiment);
    }

    private static List<RawRow> CsvLines(string text, List<(int, string)> problems)
    {
        var records = CsvRecords.Read(text, CsvRecords.DetectDelimiter(text)).ToList();
        if (records.Count == 0) { problems.Add((0, "the file is empty")); return []; }
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add((records[0].Line, $"the header row lacks column(s) {string.Join(", ", missing)} (it has: {string.Join(", ", header)})"));
            return [];
        }
        string? Cell(CsvRecords.Record r, string column)
        {
            var i = header.IndexOf(column);
            return i < 0 || i >= r.Fields.Count ? (i < 0 ? null : "") : r.Fields[i];
        }
        var rows = new List<RawRow>();
        foreach (var r in records.Skip(1))
        {
            if (r.Fields.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new RawRow(r.Line, Cell(r, "id"), Cell(r, "batch"), Cell(r, "language"), Cell(r, "intent"), Cell(r, "topics"), Cell(r, "sentiment"), Cell(r, "note")));
        }
        return rows;
    }

    private static List<RawRow> JsonLines(string text, List<(int, string)> problems)
    {
        var rows = new List<RawRow>();
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { problems.Add((lineNo, "expected a JSON object")); continue; }
                var o = doc.RootElement;
                string? S(string key)
                {
                    if (!o.TryGetProperty(key, out var e) || e.ValueKind == JsonValueKind.Null) return null;
                    return e.ValueKind switch
                    {
                        JsonValueKind.String => e.GetString(),
                        JsonValueKind.Number => e.GetRawText(),
                        JsonValueKind.Array => string.Join(";", e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText())),
                        _ => e.GetRawText(),
                    };
                }
                var missing = RequiredColumns.Where(k => !o.TryGetProperty(k, out _)).ToList();
                if (missing.Count > 0) { problems.Add((lineNo, $"missing field(s) {string.Join(", ", missing)}")); continue; }
                rows.Add(new RawRow(lineNo, S("id"), S("batch"), S("language"), S("intent"), S("topics"), S("sentiment"), S("note")));
            }
            catch (JsonException ex) { problems.Add((lineNo, $"invalid JSON ({ex.Message})")); }
        }
        return rows;
    }

    private static AnnotationRow? Parse(RawRow r, List<(int, string)> problems)
    {
        var id = r.Id?.Trim();
        if (string.IsNullOrEmpty(id)) { problems.Add((r.Line, "the id cell is empty")); return null; }
        if (r.AllLabelsEmpty) return null;
        var count = problems.Count;
        long? batch = null;
        if (!string.IsNullOrWhiteSpace(r.Batch))
        {
            if (long.TryParse(r.Batch.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b)) batch = b;
            else problems.Add((r.Line, $"batch '{r.Batch}' is not a batch number"));
        }
        var intent = Label(r.Line, "intent", r.Intent, LabelNames.Intents, problems);
        var sentiment = Label(r.Line, "sentiment", r.Sentiment, LabelNames.Sentiments, problems);
        Language? language = string.IsNullOrWhiteSpace(r.Language) ? null : Label(r.Line, "language", r.Language, LabelNames.Languages, problems);
        var topics = new List<Topic>();
        foreach (var cell in (r.Topics ?? "").Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Label(r.Line, "topic", cell, LabelNames.Topics, problems) is { } t && !topics.Contains(t)) topics.Add(t);
        }
        if (problems.Count > count || intent is null || sentiment is null) return null;
        var note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim();
        return new AnnotationRow(r.Line, id, batch, language, intent.Value, topics, sentiment.Value, note);
    }

    private static T? Label<T>(int line, string what, string? cell, WireNames<T> names, List<(int, string)> problems) where T : struct, Enum
    {
        var s = (cell ?? "").Trim();
        if (s.Length == 0) { problems.Add((line, $"{what} is empty (expected one of: {string.Join(", ", names.Names)})")); return null; }
        if (names.TryParse(s.ToLowerInvariant(), out var v)) return v;
        var folded = Fold(s);
        var near = names.Names.FirstOrDefault(n => Fold(n) == folded);
        problems.Add((line, near is not null
            ? $"unknown {what} '{s}': did you mean '{near}'?"
            : $"unknown {what} '{s}' (expected one of: {string.Join(", ", names.Names)})"));
        return null;
    }

    /// <summary>A spelling for "did you mean": lower case, with spaces, hyphens and underscores removed.</summary>
    private static string Fold(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
