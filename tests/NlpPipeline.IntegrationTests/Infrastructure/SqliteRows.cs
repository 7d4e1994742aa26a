using Microsoft.Data.Sqlite;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>Reads rows of a test database directly, to check what was stored.</summary>
public static class SqliteRows
{
    public static List<Dictionary<string, object?>> Query(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
            rows.Add(Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i)));
        return rows;
    }
}
