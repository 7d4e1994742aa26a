using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>Recorded runs as a table or JSON (<c>nlp runs list|show</c>), with the run holding the lease marked as such.</summary>
internal static class RunReport
{
    private const string Row = "{0,6}  {1,-9} {2,-11} {3,-20} {4,9} {5,7} {6,7} {7,9} {8,7} {9,7}  {10}";

    public static void WriteTable(TextWriter w, IReadOnlyList<RunRecord> runs, LeaseRecord? lease)
    {
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "run", "command", "status", "started (UTC)", "duration",
            "sources", "failed", "docs new", "passages", "scored", "model"));
        foreach (var r in runs)
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, r.Id, r.Command, Status(r, lease), $"{r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}",
                Duration(r), r.Totals.SourcesOk + r.Totals.SourcesFailed, r.Totals.SourcesFailed, r.Totals.DocumentsNew, r.Totals.Passages,
                r.PassagesScored, r.ModelVersion ?? "-").TrimEnd());
        if (runs.Count == 0) w.WriteLine("No runs recorded yet.");
    }

    public static void WriteDetail(TextWriter w, RunRecord r, LeaseRecord? lease)
    {
        var t = r.Totals;
        w.WriteLine($"Run {r.Id}: {r.Command}, {Status(r, lease)}");
        w.WriteLine($"  started   {r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by pid {r.Pid?.ToString(CultureInfo.InvariantCulture) ?? "?"} on {r.Host ?? "?"}");
        w.WriteLine($"  finished  {(r.FinishedAt is { } f ? $"{f.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Duration(r)})" : "-")}");
        w.WriteLine($"  sources   {t.SourcesOk} ok, {t.SourcesFailed} failed");
        w.WriteLine($"  documents {t.DocumentsNew} new, {t.DocumentsExisting} already stored, {t.DocumentsDuplicate} duplicate(s); passages {t.Passages}; item errors {t.Errors}");
        w.WriteLine($"  classified {r.PassagesScored} passage(s){(r.ModelVersion is { } m ? $" with model {m}" : "")}");
        if (r.Error is { } e) w.WriteLine($"  error     {e}");
        if (r.SummaryJson is null || JsonNode.Parse(r.SummaryJson)?["sources"] is not JsonArray sources || sources.Count == 0) return;
        w.WriteLine("  per source:");
        foreach (var s in sources.OfType<JsonObject>())
        {
            var line = string.Format(CultureInfo.InvariantCulture, "    {0,-24} {1,-6} new {2}, known {3}, dup {4}, passages {5}",
                (string?)s["id"], (string?)s["status"], (int?)s["new"] ?? 0, (int?)s["already_stored"] ?? 0, (int?)s["duplicates"] ?? 0, (int?)s["passages"] ?? 0);
            if (s["skipped"] is JsonObject skipped && skipped.Count > 0)
                line += "; skipped " + string.Join(", ", skipped.Select(kv => $"{kv.Key} {kv.Value}"));
            if ((string?)s["reason"] is { } reason) line += $"; {reason}";
            w.WriteLine(line);
        }
    }

    public static void WriteJson(TextWriter w, IEnumerable<RunRecord> runs, LeaseRecord? lease, bool single)
    {
        var items = runs.Select(r => Json(r, lease)).ToList();
        w.WriteLine(single ? items[0].ToJsonString(Options) : new JsonArray([.. items]).ToJsonString(Options));
    }

    private static JsonObject Json(RunRecord r, LeaseRecord? lease) => new()
    {
        ["id"] = r.Id,
        ["command"] = r.Command,
        ["status"] = Status(r, lease),
        ["started_at"] = r.StartedAt.UtcDateTime,
        ["finished_at"] = r.FinishedAt?.UtcDateTime,
        ["pid"] = r.Pid,
        ["host"] = r.Host,
        ["sources_ok"] = r.Totals.SourcesOk,
        ["sources_failed"] = r.Totals.SourcesFailed,
        ["documents_new"] = r.Totals.DocumentsNew,
        ["documents_existing"] = r.Totals.DocumentsExisting,
        ["documents_duplicate"] = r.Totals.DocumentsDuplicate,
        ["passages"] = r.Totals.Passages,
        ["item_errors"] = r.Totals.Errors,
        ["passages_scored"] = r.PassagesScored,
        ["model_version"] = r.ModelVersion,
        ["error"] = r.Error,
        ["summary"] = r.SummaryJson is null ? null : JsonNode.Parse(r.SummaryJson),
    };

    /// <summary>A 'running' run that is not the lease holder's will never finish (its process died before a takeover noticed).</summary>
    private static string Status(RunRecord r, LeaseRecord? lease) =>
        r.Status == "running" && lease?.RunId != r.Id ? "abandoned" : r.Status;

    private static string Duration(RunRecord r) => r.FinishedAt is { } f
        ? (f - r.StartedAt) is var d && d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
        : "-";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
