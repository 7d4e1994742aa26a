using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Docs;

/// <summary>
/// Every table and view of a freshly migrated database is named in docs/schema.md (as <c>`name`</c>), so a new
/// migration cannot add a table the researchers' page does not mention. SQLite's own tables and FTS5's shadow
/// tables are left out.
/// </summary>
public sealed class SchemaCoverageTests : IDisposable
{
    private static readonly string[] Fts5Shadows = ["_data", "_idx", "_docsize", "_config", "_content"];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SchemaDoc_NamesEveryTableAndView()
    {
        var path = _dir.File("fresh.db");
        using (NlpDatabase.Open(path)) { }
        var rows = SqliteRows.Query(path, "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name");
        var fts5 = rows.Where(r => (r["sql"] as string ?? "").Contains("USING fts5", StringComparison.OrdinalIgnoreCase))
            .Select(r => (string)r["name"]!).ToList();
        var names = rows.Select(r => (string)r["name"]!)
            .Where(n => !n.StartsWith("sqlite_", StringComparison.Ordinal))
            .Where(n => !fts5.Any(f => Fts5Shadows.Any(s => n == f + s)))
            .ToList();
        Assert.Contains("weekly_aggregates", names);   // the query sees the migrated schema
        Assert.Contains("passages_fts", names);

        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema.md"));
        var missing = names.Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/schema.md does not mention these tables or views (as `name`): {string.Join(", ", missing)}");
    }
}
