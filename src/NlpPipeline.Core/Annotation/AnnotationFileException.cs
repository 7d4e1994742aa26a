namespace NlpPipeline.Core.Annotation;

/// <summary>
/// An annotation file (or an adjudication file) cannot be imported: every problem found, each with its line
/// number. Nothing from the file is imported.
/// </summary>
public sealed class AnnotationFileException(string path, IReadOnlyList<(int Line, string Message)> problems)
    : Exception(Describe(path, problems))
{
    public const int Shown = 25;

    public string Path { get; } = path;
    public IReadOnlyList<(int Line, string Message)> Problems { get; } = problems;

    private static string Describe(string path, IReadOnlyList<(int Line, string Message)> problems)
    {
        var lines = problems.OrderBy(p => p.Line).Take(Shown).Select(p => p.Line > 0 ? $"  {path}:{p.Line}: {p.Message}" : $"  {path}: {p.Message}");
        var more = problems.Count > Shown ? $"\n  … and {problems.Count - Shown} more" : "";
        return $"{path}: {problems.Count} problem(s); nothing was stored. Fix them and run the command again.\n{string.Join("\n", lines)}{more}";
    }
}
