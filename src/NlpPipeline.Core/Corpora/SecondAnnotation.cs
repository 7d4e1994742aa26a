using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>
/// One line of a second-annotation file: another annotator's labels for a passage of the annotated corpus,
/// joined to it by <see cref="Id"/> (the file holds no text, so the annotator never sees the first labels).
/// <see cref="Topics"/> holds no repeats. A partial reading leaves some tasks out (null): the blind topic readings of
/// GUIDELINES §9 give topics alone, the blind sentiment readings sentiment alone; <see cref="Tasks"/> says which are given.
/// </summary>
public sealed record SecondAnnotation(string Id, Intent? Intent, IReadOnlyList<Topic>? Topics, Sentiment? Sentiment, string Annotator, string? Note)
{
    public LabelTasks Tasks =>
        (Intent is null ? LabelTasks.None : LabelTasks.Intent) |
        (Sentiment is null ? LabelTasks.None : LabelTasks.Sentiment) |
        (Topics is null ? LabelTasks.None : LabelTasks.Topics);
}

/// <summary>
/// A whole second-annotation file: its path, the short name the reports give it (the file name without
/// <c>.jsonl</c>, or the path when two files share a name) and its lines in file order, ids unique.
/// </summary>
public sealed record SecondAnnotationFile(string Path, string Name, IReadOnlyList<SecondAnnotation> Lines)
{
    /// <summary>The annotator names the file's lines give, in order of first appearance.</summary>
    public IReadOnlyList<string> Annotators => Lines.Select(l => l.Annotator).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The tasks the file labels (every line gives the same ones, or the reader rejects the file).</summary>
    public LabelTasks Tasks => Lines.Count > 0 ? Lines[0].Tasks : LabelTasks.None;
}

/// <summary>What <see cref="SecondAnnotationReader.Validate"/> found: the files read and every bad line.</summary>
public sealed record SecondAnnotationValidation(IReadOnlyList<SecondAnnotationFile> Files, IReadOnlyList<CorpusFormatException> Errors);
