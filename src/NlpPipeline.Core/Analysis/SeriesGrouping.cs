namespace NlpPipeline.Core.Analysis;

/// <summary>How a series is broken down: not at all, by passage language, by outlet, or by source kind (news / social).</summary>
public enum SeriesGrouping { None, Language, Outlet, SourceKind }

public static class SeriesGroupingNames
{
    private static readonly (SeriesGrouping Value, string Name)[] Table =
        [(SeriesGrouping.Language, "language"), (SeriesGrouping.Outlet, "outlet"), (SeriesGrouping.SourceKind, "source-kind")];

    /// <summary>The names --by accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    public static string? ToName(this SeriesGrouping g) => g == SeriesGrouping.None ? null : Table.Single(t => t.Value == g).Name;

    public static bool TryParse(string? name, out SeriesGrouping g)
    {
        foreach (var (value, n) in Table)
            if (string.Equals(n, name, StringComparison.Ordinal)) { g = value; return true; }
        g = SeriesGrouping.None;
        return false;
    }
}
