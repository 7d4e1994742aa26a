using Microsoft.Data.Sqlite;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>
/// Issues 6 and 8: saving a batch of predictions updates the weekly aggregates with four look-ups over the batch's own
/// passages and documents. Each must reach those rows through an index: one that walked every prediction of the model
/// (through <c>predictions_model</c>) made every batch slower as the store grew, 2 s per batch at 1.5M passages.
/// </summary>
public sealed class WeeklyAggregatePlanTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> BatchQueries() => new()
    {
        WeeklyAggregateStore.Batch.PassagePlacesSql,
        WeeklyAggregateStore.Batch.DocumentPlacesSql,
        WeeklyAggregateStore.Batch.OldLabelsSql,
        WeeklyAggregateStore.Batch.ScoredPerDocumentSql,
    };

    [Theory]
    [MemberData(nameof(BatchQueries))]
    public void Issue8_BatchLookUp_ReachesOnlyTheBatchsRowsThroughIndexes(string sql)
    {
        var path = _dir.File("plan.db");
        NlpDatabase.Open(path).Dispose();   // the schema as migrations leave it, and no statistics (the project never runs ANALYZE)
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        cmd.Parameters.AddWithValue("$ids", "[1,2,3]");
        if (sql.Contains("$v", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("$v", "model-1");
        var plan = new List<string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) plan.Add(r.GetString(3));

        Assert.NotEmpty(plan);
        // The only table walked in full is the batch's own id list.
        Assert.All(plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal)), step => Assert.Contains("VIRTUAL TABLE", step));
        Assert.DoesNotContain(plan, step => step.Contains("predictions_model", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH ", StringComparison.Ordinal));
    }
}
