using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// One line of a second-annotation file: another annotator's labels for a passage of the annotated corpus,
/// joined to it by <see cref="Id"/> (the file holds no text, so the annotator never sees the first labels).
/// <see cref="Topics"/> holds no repeats. <see cref="Intent"/> and <see cref="Sentiment"/> are both null in a
/// topics-only reading (a file whose lines give topics alone, like the blind readings of GUIDELINES §9).
/// </summary>
public sealed record SecondAnnotation(string Id, Intent? Intent, IReadOnlyList<Topic> Topics, Sentiment? Sentiment, string Annotator, string? Note)
{
    public bool TopicsOnly => Intent is null;
}

/// <summary>
/// A whole second-annotation file: its path, the short name the reports give it (the file name without
/// <c>.jsonl</c>, or the path when two files share a name) and its lines in file order, ids unique.
/// </summary>
public sealed record SecondAnnotationFile(string Path, string Name, IReadOnlyList<SecondAnnotation> Lines)
{
    /// <summary>The annotator names the file's lines give, in order of first appearance.</summary>
    public IReadOnlyList<string> Annotators => Lines.Select(l => l.Annotator).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when the file gives topics alone (every line does, or the reader rejects the file).</summary>
    public bool TopicsOnly => Lines.Count > 0 && Lines[0].TopicsOnly;
}

/// <summary>What <see cref="SecondAnnotationReader.Validate"/> found: the files read and every bad line.</summary>
public sealed record SecondAnnotationValidation(IReadOnlyList<SecondAnnotationFile> Files, IReadOnlyList<CorpusFormatException> Errors);
