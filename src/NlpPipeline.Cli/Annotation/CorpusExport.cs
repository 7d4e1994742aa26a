using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Annotation;

/// <summary>annotate export-corpus: stored annotations as an annotated JSONL file of LABELS.md, ready to commit under corpora/annotated/.</summary>
internal static class CorpusExport
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(string path, IReadOnlyList<AnnotatedPassage> passages, CancellationToken ct) =>
        AtomicFile.WriteAsync(path, async w =>
        {
            foreach (var p in passages)
            {
                var line = new Dictionary<string, object?>
                {
                    ["id"] = p.Id, ["text"] = p.Text, ["language"] = p.Language.ToWire(), ["intent"] = p.Intent.ToWire(),
                    ["topics"] = p.Topics.Select(t => t.ToWire()).ToArray(), ["sentiment"] = p.Sentiment.ToWire(),
                    ["source_kind"] = p.SourceKind.ToWire(), ["annotator"] = p.Annotator,
                };
                if (p.Note is not null) line["note"] = p.Note;
                await w.WriteAsync(JsonSerializer.Serialize(line, Json) + "\n");
            }
        }, ct);
}
