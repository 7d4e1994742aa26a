using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// Reads annotated JSONL files (LABELS.md). Reading is all or nothing: the first bad line throws
/// <see cref="CorpusFormatException"/> with its file and line number and nothing is returned;
/// <see cref="Validate(string)"/> reports every bad line instead.
/// </summary>
public static class AnnotatedCorpusReader
{
    private static readonly string[] Required = ["id", "text", "language", "intent", "topics", "sentiment", "source_kind", "annotator"];

    /// <summary>Reads every <c>*.jsonl</c> in a folder (sorted by name) and checks ids are unique across them.</summary>
    public static IReadOnlyList<AnnotatedPassage> ReadFolder(string folder) => ThrowFirst(Validate(folder, asFolder: true));

    public static IReadOnlyList<AnnotatedPassage> ReadFile(string path) => ThrowFirst(Validate(path, asFolder: false));

    /// <summary>
    /// Reads a folder of <c>*.jsonl</c> files (or one file) past bad lines: every passage that parses, and every
    /// error (invalid JSON, missing field, unknown label, duplicate id within or across files) with its file and
    /// line, in file and line order, so an annotator sees all of them at once.
    /// </summary>
    public static CorpusValidation Validate(string source) =>
        Directory.Exists(source) ? Validate(source, asFolder: true)
        : File.Exists(source) ? Validate(source, asFolder: false)
        : throw new FileNotFoundException($"No annotated corpus at {source}");

    private static CorpusValidation Validate(string source, bool asFolder)
    {
        List<string> files;
        if (asFolder)
        {
            if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"Annotated corpus folder not found: {source}");
            files = Directory.GetFiles(source, "*.jsonl").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new FileNotFoundException($"No *.jsonl files in {source}");
        }
        else files = [source];
        var passages = new List<AnnotatedPassage>();
        var errors = new List<CorpusFormatException>();
        var seen = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                AnnotatedPassage passage;
                try { passage = ParseLine(file, lineNo, line); }
                catch (CorpusFormatException ex) { errors.Add(ex); continue; }
                if (seen.TryGetValue(passage.Id, out var first))
                {
                    errors.Add(new CorpusFormatException(file, lineNo, first.File == file
                        ? $"duplicate id '{passage.Id}' (first on line {first.Line})"
                        : $"id '{passage.Id}' already used in {first.File}:{first.Line}"));
                    continue;
                }
                seen[passage.Id] = (file, lineNo);
                passages.Add(passage);
            }
        }
        return new CorpusValidation(passages, errors);
    }

    private static IReadOnlyList<AnnotatedPassage> ThrowFirst(CorpusValidation v) =>
        v.Errors.Count > 0 ? throw v.Errors[0] : v.Passages;

    public static AnnotatedPassage ParseLine(string path, int lineNo, string line)
    {
        using var l = LabelLine.Parse(path, lineNo, line, Required);
        var topics = l.Topics();
        var note = l.Note();
        var text = TextNormalizer.Normalize(l.String("text"));
        if (text.Length == 0) throw l.Error("field 'text' holds no visible characters");
        return new AnnotatedPassage(
            l.String("id"), text,
            l.Label("language", LabelNames.Languages), l.Label("intent", LabelNames.Intents), topics,
            l.Label("sentiment", LabelNames.Sentiments), l.Label("source_kind", LabelNames.SourceKinds),
            l.String("annotator"), note);
    }
}

/// <summary>What <see cref="AnnotatedCorpusReader.Validate(string)"/> found: the passages that parsed and every error.</summary>
public sealed record CorpusValidation(IReadOnlyList<AnnotatedPassage> Passages, IReadOnlyList<CorpusFormatException> Errors);
