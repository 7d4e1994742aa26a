using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// Reads second-annotation files (JSON Lines: <c>id</c>, <c>intent</c>, <c>topics</c>, <c>sentiment</c>,
/// <c>annotator</c>, optional <c>note</c>; other fields are ignored; or a topics-only reading, whose lines leave out
/// both <c>intent</c> and <c>sentiment</c>, every line of the file alike) by the rules of the annotated corpus
/// (<see cref="AnnotatedCorpusReader"/>): exact LABELS.md names, topics an array. Every bad line is
/// reported with its file and line: invalid JSON, a missing field, an unknown label, an id that is not a
/// passage of the corpus, an id given twice in one file. The same id in two files is expected (that is
/// what the files are compared on).
/// </summary>
public static class SecondAnnotationReader
{
    private static readonly string[] Required = ["id", "topics", "annotator"];

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
        (bool TopicsOnly, int Line)? kind = null;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            SecondAnnotation labels;
            try { labels = ParseLine(path, lineNo, line); }
            catch (CorpusFormatException ex) { errors.Add(ex); continue; }
            kind ??= (labels.TopicsOnly, lineNo);
            if (labels.TopicsOnly != kind.Value.TopicsOnly)
            {
                errors.Add(new CorpusFormatException(path, lineNo, labels.TopicsOnly
                    ? $"no intent and sentiment, but line {kind.Value.Line} gives them: a file is a full second annotation or a topics-only reading, not both"
                    : $"intent and sentiment given, but line {kind.Value.Line} has topics only: a file is a full second annotation or a topics-only reading, not both"));
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
        var topics = l.Topics();
        var (hasIntent, hasSentiment) = (l.Has("intent"), l.Has("sentiment"));
        if (hasIntent != hasSentiment)
            throw l.Error($"missing field '{(hasIntent ? "sentiment" : "intent")}' (give intent and sentiment both, or neither for a topics-only reading)");
        return new SecondAnnotation(l.String("id"), hasIntent ? l.Label("intent", LabelNames.Intents) : null, topics,
            hasSentiment ? l.Label("sentiment", LabelNames.Sentiments) : null, l.String("annotator"), l.Note());
    }
}
