namespace NlpPipeline.Ingestion.Imports;

/// <summary>An import file with problems; nothing of it was imported. The message lists the first problems with their lines.</summary>
public sealed class ImportFileException(string path, IReadOnlyList<(int Line, string Problem)> problems)
    : Exception(Describe(path, problems))
{
    private const int Shown = 20;

    public IReadOnlyList<(int Line, string Problem)> Problems { get; } = problems;

    private static string Describe(string path, IReadOnlyList<(int Line, string Problem)> problems)
    {
        var lines = problems.Take(Shown).Select(p => p.Line > 0 ? $"  line {p.Line}: {p.Problem}" : $"  {p.Problem}");
        var more = problems.Count > Shown ? $"\n  … and {problems.Count - Shown} more" : "";
        return $"{path}: {problems.Count} problem(s), nothing imported:\n{string.Join('\n', lines)}{more}";
    }
}
