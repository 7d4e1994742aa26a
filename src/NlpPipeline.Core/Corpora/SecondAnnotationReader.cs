using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// Reads second-annotation files (JSON Lines: <c>id</c>, <c>intent</c>, <c>topics</c>, <c>sentiment</c>,
/// <c>annotator</c>, optional <c>note</c>; other fields are ignored; or a partial reading, whose lines give some of
/// <c>intent</c>, <c>topics</c> and <c>sentiment</c>, at least one and every line of the file the same ones, like the
/// topics-only and sentiment-only blind readings of GUIDELINES §9 and §10) by the rules of the annotated corpus
/// (<see cref="AnnotatedCorpusReader"/>): exact LABELS.md names, topics an array. Every bad line is
/// reported with its file and line: invalid JSON, a missing field, an unknown label, an id that is not a
/// passage of the corpus, an id given twice in one file. The same id in two files is expected (that is
/// what the files are compared on).
/// </summary>
public static class SecondAnnotationReader
{
    private static readonly string[] Required = ["id", "annotator"];

    public static SecondAnnotationValidation Validate(IReadOnlyList<string> paths, IReadOnlySet<string> corpusIds)
    {
        foreach (var path in paths)
            if (!File.Exists(path)) throw new FileNotFoundException($"Second-annotation file not found: {path}");
        var stems = paths.Select(p => Path.GetFileNameWithoutExtension(p)).ToList();
        var files = new List<SecondAnnotationFile>();
        var errors = new List<CorpusFormatException>();
        for (var f = 0; f < paths.Count; f++)
        {
            var path = paths[f];
            var name = stems.Count(s => s == stems[f]) == 1 ? stems[f] : path;
            files.Add(new SecondAnnotationFile(path, name, ReadFile(path, corpusIds, errors)));
        }
        return new SecondAnnotationValidation(files, errors);
    }

    private static List<SecondAnnotation> ReadFile(string path, IReadOnlySet<string> corpusIds, List<CorpusFormatException> errors)
    {
        var lines = new List<SecondAnnotation>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errorsBefore = errors.Count;
        (LabelTasks Tasks, int Line)? kind = null;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            SecondAnnotation labels;
            try { labels = ParseLine(path, lineNo, line); }
            catch (CorpusFormatException ex) { errors.Add(ex); continue; }
            kind ??= (labels.Tasks, lineNo);
            if (labels.Tasks != kind.Value.Tasks)
            {
                var missing = kind.Value.Tasks & ~labels.Tasks;
                errors.Add(new CorpusFormatException(path, lineNo, (labels.Tasks & ~kind.Value.Tasks) == LabelTasks.None
                    ? $"missing field '{missing.ToWire()[0]}' (line {kind.Value.Line} labels {kind.Value.Tasks.Describe()}: every line of a file gives the same labels)"
                    : $"labels {labels.Tasks.Describe()}, but line {kind.Value.Line} labels {kind.Value.Tasks.Describe()}: every line of a file gives the same labels"));
                continue;
            }
            if (seen.TryGetValue(labels.Id, out var first))
            {
                errors.Add(new CorpusFormatException(path, lineNo, $"duplicate id '{labels.Id}' (first on line {first})"));
                continue;
            }
            seen[labels.Id] = lineNo;
            if (!corpusIds.Contains(labels.Id))
            {
                errors.Add(new CorpusFormatException(path, lineNo, $"id '{labels.Id}' is not a passage of the annotated corpus"));
                continue;
            }
            lines.Add(labels);
        }
        if (lines.Count == 0 && errors.Count == errorsBefore)
            errors.Add(new CorpusFormatException(path, 1, "the file holds no labelled passages"));
        return lines;
    }

    public static SecondAnnotation ParseLine(string path, int lineNo, string line)
    {
        using var l = LabelLine.Parse(path, lineNo, line, Required);
        if (!LabelTasks.All.ToWire().Any(l.Has))
            throw l.Error($"no labels: give at least one of {LabelTasks.All.Describe()}");
        return new SecondAnnotation(l.String("id"),
            l.Has("intent") ? l.Label("intent", LabelNames.Intents) : null,
            l.Has("topics") ? l.Topics() : null,
            l.Has("sentiment") ? l.Label("sentiment", LabelNames.Sentiments) : null,
            l.String("annotator"), l.Note());
    }
}
