namespace NlpPipeline.Core.Corpora;

/// <summary>An annotated file broke the format of LABELS.md; names the file and line.</summary>
public sealed class CorpusFormatException(string path, int line, string message, Exception? inner = null)
    : Exception($"{path}:{line}: {message}", inner)
{
    public string Path { get; } = path;
    public int Line { get; } = line;
}
