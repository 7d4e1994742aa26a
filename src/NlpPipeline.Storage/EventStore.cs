using NlpPipeline.Core.Analysis;

namespace NlpPipeline.Storage;

/// <summary>The events table: named, dated events that reports mark and window around.</summary>
public sealed class EventStore(NlpDatabase db)
{
    public void Upsert(IEnumerable<ResearchEvent> events)
    {
        using var tx = db.Connection.BeginTransaction();
        foreach (var e in events)
        {
            using var cmd = db.Command("""
                INSERT INTO events (name, start_date, end_date, description, country) VALUES ($n, $s, $e, $d, $c)
                ON CONFLICT(name) DO UPDATE SET start_date = $s, end_date = $e, description = $d, country = $c
                """, tx);
            cmd.Parameters.AddWithValue("$n", e.Name);
            cmd.Parameters.AddWithValue("$s", SqlTime.Format(e.Start));
            cmd.Parameters.AddWithValue("$e", e.End is { } end ? SqlTime.Format(end) : DBNull.Value);
            cmd.Parameters.AddWithValue("$d", (object?)e.Description ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$c", (object?)e.Country ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IReadOnlyList<ResearchEvent> All()
    {
        using var cmd = db.Command("SELECT name, start_date, end_date, description, country FROM events ORDER BY start_date, name");
        using var r = cmd.ExecuteReader();
        var list = new List<ResearchEvent>();
        while (r.Read())
            list.Add(new ResearchEvent(r.GetString(0), SqlTime.ParseDate(r.GetString(1)),
                r.IsDBNull(2) ? null : SqlTime.ParseDate(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return list;
    }

    /// <summary>Adds a new event; false (nothing written) when an event of that name exists.</summary>
    public bool Add(ResearchEvent e)
    {
        using var cmd = db.Command("""
            INSERT INTO events (name, start_date, end_date, description, country)
            SELECT $n, $s, $e, $d, $c WHERE NOT EXISTS (SELECT 1 FROM events WHERE name = $n)
            """);
        cmd.Parameters.AddWithValue("$n", e.Name);
        cmd.Parameters.AddWithValue("$s", SqlTime.Format(e.Start));
        cmd.Parameters.AddWithValue("$e", e.End is { } end ? SqlTime.Format(end) : DBNull.Value);
        cmd.Parameters.AddWithValue("$d", (object?)e.Description ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$c", (object?)e.Country ?? DBNull.Value);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>Removes the event with exactly this name; false when there is none.</summary>
    public bool Remove(string name)
    {
        using var cmd = db.Command("DELETE FROM events WHERE name = $n");
        cmd.Parameters.AddWithValue("$n", name);
        return cmd.ExecuteNonQuery() > 0;
    }
}
