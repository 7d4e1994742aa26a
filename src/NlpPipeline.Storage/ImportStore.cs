using System.Security.Cryptography;
using System.Text;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Storage;

/// <summary>
/// Bookkeeping for <c>nlp import</c>: the import's row, its source, each imported document's provenance
/// (platform, post id, author hash) written in the document's own transaction, and the key that author
/// hashes are made with. Raw author names never reach this class: only their hashes.
/// </summary>
public sealed class ImportStore(NlpDatabase db)
{
    /// <summary>Creates the source as an import source (kind "import", social) unless it is already known.</summary>
    public void EnsureSource(string sourceId, string outlet)
    {
        var now = SqlTime.Format(db.Time.GetUtcNow());
        using var cmd = db.Command("""
            INSERT INTO sources (id, outlet, kind, source_kind, url, language_hint, first_seen, last_seen)
            VALUES ($id, $outlet, 'import', 'social', $url, NULL, $now, $now)
            ON CONFLICT(id) DO UPDATE SET last_seen = $now
            """);
        cmd.Parameters.AddWithValue("$id", sourceId);
        cmd.Parameters.AddWithValue("$outlet", outlet);
        cmd.Parameters.AddWithValue("$url", $"urn:nlp:import:{Uri.EscapeDataString(sourceId)}");
        cmd.Parameters.AddWithValue("$now", now);
        cmd.ExecuteNonQuery();
    }

    public long Start(string sourceId, string format, string fileName, string fileSha256)
    {
        using var cmd = db.Command("""
            INSERT INTO imports (source_id, format, file_name, file_sha256, started_at)
            VALUES ($s, $f, $n, $h, $t) RETURNING id
            """);
        cmd.Parameters.AddWithValue("$s", sourceId);
        cmd.Parameters.AddWithValue("$f", format);
        cmd.Parameters.AddWithValue("$n", fileName);
        cmd.Parameters.AddWithValue("$h", fileSha256);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        return (long)cmd.ExecuteScalar()!;
    }

    public void Finish(long importId, int posts, int added, int alreadyStored, int duplicates, int skipped)
    {
        using var cmd = db.Command("""
            UPDATE imports SET finished_at = $t, posts = $p, documents_new = $n, already_stored = $a, duplicates = $d, skipped = $s
            WHERE id = $id
            """);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$p", posts);
        cmd.Parameters.AddWithValue("$n", added);
        cmd.Parameters.AddWithValue("$a", alreadyStored);
        cmd.Parameters.AddWithValue("$d", duplicates);
        cmd.Parameters.AddWithValue("$s", skipped);
        cmd.Parameters.AddWithValue("$id", importId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Stores an imported post like any document (one transaction), with its provenance row.</summary>
    public SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language,
        long importId, string platform, string postId, string? authorHash) =>
        new DocumentStore(db).Save(PreparedDocument.Of(document, passages, language), null, (documentId, tx) =>
        {
            using var cmd = db.Command("""
                INSERT INTO imported_posts (document_id, import_id, platform, post_id, author_hash)
                VALUES ($d, $i, $p, $id, $a)
                """, tx);
            cmd.Parameters.AddWithValue("$d", documentId);
            cmd.Parameters.AddWithValue("$i", importId);
            cmd.Parameters.AddWithValue("$p", platform);
            cmd.Parameters.AddWithValue("$id", postId);
            cmd.Parameters.AddWithValue("$a", (object?)authorHash ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        });

    /// <summary>
    /// The key author hashes are made with. With <paramref name="secret"/> (NLP_AUTHOR_SALT) the key is
    /// derived from it and never stored; without, this database's own random key is used (created on
    /// first need). The database keeps a fingerprint of the key in use, and refuses another one, so
    /// one author always has one hash within a database.
    /// </summary>
    /// <exception cref="StorageException">The database's hashes were made with another key.</exception>
    public byte[] AuthorKey(string? secret)
    {
        using var tx = db.Connection.BeginTransaction();
        byte[] key;
        string origin;
        if (!string.IsNullOrEmpty(secret))
        {
            key = SHA256.HashData(Encoding.UTF8.GetBytes("nlp-author-key\n" + secret));
            origin = "the NLP_AUTHOR_SALT environment variable";
        }
        else if (Setting("author_key", tx) is { } stored)
        {
            key = Convert.FromHexString(stored);
            origin = "this database's own key";
        }
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
            Put("author_key", Convert.ToHexString(key), tx);
            origin = "this database's own key";
        }
        var check = Convert.ToHexString(SHA256.HashData([.. "nlp-author-key-check\n"u8, .. key]))[..16];
        if (Setting("author_key_check", tx) is { } expected && expected != check)
            throw new StorageException(
                $"{db.Path}: its author hashes were made with another key than {origin}. Import with the same NLP_AUTHOR_SALT as before " +
                "(or unset it if the earlier imports used the database's own key), so one author keeps one hash.");
        Put("author_key_check", check, tx);
        tx.Commit();
        return key;
    }

    private string? Setting(string key, Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        using var cmd = db.Command("SELECT value FROM settings WHERE key = $k", tx);
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private void Put(string key, string value, Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        using var cmd = db.Command("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }
}
