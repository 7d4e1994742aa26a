using System.Text.RegularExpressions;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Docs;

/// <summary>
/// The example queries of docs/schema.md (fenced sql blocks starting with <c>-- test: NAME</c>) run against a store
/// with known contents, so the documentation cannot drift from the schema.
/// </summary>
public sealed partial class SchemaDocTests : IDisposable
{
    private readonly LabelledStore _store = new();

    public void Dispose() => _store.Dispose();

    [GeneratedRegex(@"```sql\n-- test: (?<name>[a-z0-9-]+)\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex TestedBlock();

    private static Dictionary<string, string> Queries()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema.md")).ReplaceLineEndings("\n");
        return TestedBlock().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["sql"].Value);
    }

    private List<string> Run(string name) =>
        SqliteRows.Query(_store.Path, Queries()[name]).Select(r => string.Join(" | ", r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();

    [Fact]
    public void SchemaDoc_HasExactlyTheThreeTestedQueries() =>
        Assert.Equal(["emigration-share-by-month", "mentions-in-range", "negative-topics-by-outlet"], Queries().Keys.Order());

    [Fact]
    public void EmigrationShareByMonth_LatestModel_DatedPassagesOnly()
    {
        // Latest model: P1 considering, P2 none (kk); P3 planning, P4 staying (ru); P5 undated; P6 unscored.
        Assert.Equal(["2022-01 | kk | 2 | 0.5", "2022-01 | ru | 2 | 1"], Run("emigration-share-by-month"));
    }

    [Fact]
    public void NegativeTopicsByOutlet_UnpacksTheTopicLists()
    {
        Assert.Equal(["Qazaq Times | jobs | 1", "Qazaq Times | wages_prices | 1", "Канал Степь | uncertainty | 1", "Канал Степь | wages_prices | 1"],
            Run("negative-topics-by-outlet"));
    }

    [Fact]
    public void MentionsInRange_FindsDatedPassages_WithMarkedSnippets()
    {
        Assert.Equal([$"2022-01-20 | Канал Степь | {_store.P3} | Мы решили [уехать] из страны: цены…", $"2022-02-10 | Канал Степь | {_store.P6} | Соседи тоже хотят [уехать] весной."],
            Run("mentions-in-range"));
    }
}
