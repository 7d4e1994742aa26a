using System.Globalization;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Annotation;

/// <summary>
/// annotate agreement output: a table of alpha and pairwise kappa per task, the disagreements, and (with
/// --out) a CSV of the disagreements with empty label columns for the adjudicator, which
/// `nlp annotate resolve --file` reads back.
/// </summary>
internal static class AgreementWriter
{
    public static void Write(TextWriter w, AgreementReport report, Func<long, string?> text, string scope)
    {
        if (report.Passages == 0)
        {
            w.WriteLine($"No passage {scope} has labels from two or more annotators yet: agreement needs the same batch imported by at least two annotators.");
            return;
        }
        w.WriteLine($"Agreement {scope}: {report.Passages} passage(s) labelled by two or more annotators ({string.Join(", ", report.Annotators)}).");
        w.WriteLine("Krippendorff's alpha (nominal) over every annotator; Cohen's kappa for each pair on the passages both labelled. Topics: each topic as a yes/no");
        w.WriteLine("decision; 'topics (pooled)' pools those decisions over all topics. '—': undefined (every label the same, so chance agreement is total).");
        w.WriteLine();
        w.WriteLine("| task | passages | alpha | " + string.Join(" | ", Pairs(report).Select(p => $"kappa {p}")) + " |");
        w.WriteLine("| --- | --- | --- | " + string.Join(" | ", Pairs(report).Select(_ => "---")) + " |");
        foreach (var t in report.Tasks)
        {
            var kappas = Pairs(report).Select(p =>
            {
                var pair = t.Pairs.FirstOrDefault(x => $"{x.A}–{x.B}" == p);
                return pair is null ? "" : $"{V(pair.Kappa)} (n={pair.Items})";
            });
            w.WriteLine($"| {t.Task} | {t.Items} | {V(t.Alpha)} | {string.Join(" | ", kappas)} |");
        }
        w.WriteLine();
        w.WriteLine($"{report.Disagreements.Count} disagreement(s):");
        foreach (var d in report.Disagreements)
        {
            var snippet = text(d.PassageId) is { } s ? (s.Length > 80 ? s[..80] + "…" : s).ReplaceLineEndings(" ") : "";
            w.WriteLine($"- passage {d.PassageId} ({string.Join(", ", d.Tasks)}): {snippet}");
            foreach (var (annotator, labels) in d.Labels)
                w.WriteLine($"    {annotator}: intent {labels.Intent.ToWire()}; topics {(labels.Topics.Count == 0 ? "(none)" : labels.TopicsCell)}; sentiment {labels.Sentiment.ToWire()}");
        }
    }

    /// <summary>The disagreements as a CSV for adjudication (UTF-8 with BOM): empty intent/topics/sentiment/note, then each annotator's labels.</summary>
    public static Task WriteCsvAsync(string path, AgreementReport report, Func<long, string?> text, IReadOnlySet<long> adjudicated, CancellationToken ct) =>
        AtomicFile.WriteAsync(path, async w =>
        {
            await w.WriteAsync('\uFEFF');
            var header = new List<string> { "id", "text", "intent", "topics", "sentiment", "note", "disagree_on", "adjudicated" };
            foreach (var a in report.Annotators) header.AddRange([$"{a}_intent", $"{a}_topics", $"{a}_sentiment"]);
            await w.WriteAsync(BatchFileWriter.Line(header));
            foreach (var d in report.Disagreements)
            {
                var row = new List<string>
                {
                    d.PassageId.ToString(CultureInfo.InvariantCulture), BatchFileWriter.Inert(text(d.PassageId) ?? ""), "", "", "", "",
                    string.Join("; ", d.Tasks), adjudicated.Contains(d.PassageId) ? "yes" : "",
                };
                foreach (var a in report.Annotators)
                {
                    var l = d.Labels.FirstOrDefault(x => x.Annotator == a).Labels;
                    row.AddRange(l is null ? ["", "", ""] : [l.Intent.ToWire(), l.TopicsCell, l.Sentiment.ToWire()]);
                }
                await w.WriteAsync(BatchFileWriter.Line(row));
            }
        }, ct);

    private static IEnumerable<string> Pairs(AgreementReport r) =>
        r.Tasks.SelectMany(t => t.Pairs).Select(p => $"{p.A}–{p.B}").Distinct();

    private static string V(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "—";
}
