using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Storage;

/// <summary>
/// Writes documents with their passages, one transaction per document, so a crash never leaves a
/// document without its passages. A story is stored once: a known canonical URL is not stored again,
/// and the same body text under a new URL is recorded as a duplicate of the first.
/// </summary>
public sealed class DocumentStore(NlpDatabase db)
{
    public bool IsKnown(Uri url)
    {
        using var cmd = db.Command("SELECT 1 FROM documents WHERE canonical_url = $u OR fetched_url = $u LIMIT 1");
        cmd.Parameters.AddWithValue("$u", url.AbsoluteUri);
        return cmd.ExecuteScalar() is not null;
    }

    public SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long? runId) =>
        Save(document, passages, language, runId, null);

    /// <summary>Saves as above; <paramref name="alsoStore"/> writes rows about a new document (id given) in the same transaction.</summary>
    internal SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long? runId,
        Action<long, Microsoft.Data.Sqlite.SqliteTransaction>? alsoStore)
    {
        if (passages.Count == 0) throw new ArgumentException("A document needs at least one passage.", nameof(passages));
        using var tx = db.Connection.BeginTransaction();
        using (var find = db.Command("SELECT id FROM documents WHERE canonical_url = $u", tx))
        {
            find.Parameters.AddWithValue("$u", document.CanonicalUrl.AbsoluteUri);
            if (find.ExecuteScalar() is long existing) return new SaveOutcome(SaveStatus.AlreadyStored, existing, 0);
        }
        var hash = ContentHash.Of(document.Text);
        long? original;
        using (var dup = db.Command("SELECT id FROM documents WHERE content_hash = $h AND duplicate_of IS NULL ORDER BY id LIMIT 1", tx))
        {
            dup.Parameters.AddWithValue("$h", hash);
            original = dup.ExecuteScalar() as long?;
        }
        long id;
        using (var insert = db.Command("""
            INSERT INTO documents (canonical_url, fetched_url, source_id, run_id, fetched_at, published_utc,
                                   published_offset_minutes, title, text, language, language_confidence, content_hash, duplicate_of)
            VALUES ($canonical, $fetched, $source, $run, $fetchedAt, $published, $offset, $title, $text, $language, $confidence, $hash, $dup)
            RETURNING id
            """, tx))
        {
            var p = insert.Parameters;
            p.AddWithValue("$canonical", document.CanonicalUrl.AbsoluteUri);
            p.AddWithValue("$fetched", document.Url.AbsoluteUri);
            p.AddWithValue("$source", document.SourceId);
            p.AddWithValue("$run", (object?)runId ?? DBNull.Value);
            p.AddWithValue("$fetchedAt", SqlTime.Format(document.FetchedAt));
            p.AddWithValue("$published", document.PublishedAt is { } t ? SqlTime.Format(t) : DBNull.Value);
            p.AddWithValue("$offset", document.PublishedAt is { } o ? (long)o.Offset.TotalMinutes : DBNull.Value);
            p.AddWithValue("$title", (object?)document.Title ?? DBNull.Value);
            p.AddWithValue("$text", document.Text);
            p.AddWithValue("$language", language.Language.ToWire());
            p.AddWithValue("$confidence", language.Confidence);
            p.AddWithValue("$hash", hash);
            p.AddWithValue("$dup", (object?)original ?? DBNull.Value);
            id = (long)insert.ExecuteScalar()!;
        }
        alsoStore?.Invoke(id, tx);
        if (original is not null)
        {
            tx.Commit();
            return new SaveOutcome(SaveStatus.Duplicate, id, 0);
        }
        using (var insert = db.Command("INSERT INTO passages (document_id, ordinal, text, language, language_confidence) VALUES ($d, $o, $t, $l, $c)", tx))
        {
            insert.Parameters.AddWithValue("$d", id);
            var o = insert.Parameters.Add("$o", Microsoft.Data.Sqlite.SqliteType.Integer);
            var t = insert.Parameters.Add("$t", Microsoft.Data.Sqlite.SqliteType.Text);
            var l = insert.Parameters.Add("$l", Microsoft.Data.Sqlite.SqliteType.Text);
            var c = insert.Parameters.Add("$c", Microsoft.Data.Sqlite.SqliteType.Real);
            foreach (var passage in passages)
            {
                o.Value = passage.Ordinal;
                t.Value = passage.Text;
                l.Value = passage.Language.ToWire();
                c.Value = passage.LanguageConfidence;
                insert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return new SaveOutcome(SaveStatus.New, id, passages.Count);
    }

    /// <summary>Stored documents (duplicates left out) per document language, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountByLanguage()
    {
        using var cmd = db.Command("SELECT language, count(*) FROM documents WHERE duplicate_of IS NULL GROUP BY language ORDER BY count(*) DESC, language");
        using var r = cmd.ExecuteReader();
        var list = new List<KeyValuePair<string, int>>();
        while (r.Read()) list.Add(new(r.GetString(0), r.GetInt32(1)));
        return list;
    }

    public (long Documents, long Passages) Counts()
    {
        using var cmd = db.Command("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages)");
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
