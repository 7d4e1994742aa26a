namespace NlpPipeline.Storage;

/// <summary>The ETag and Last-Modified last accepted for a URL (<c>http_cache</c>), for conditional requests.</summary>
public sealed class HttpCacheStore(NlpDatabase db)
{
    public (string? ETag, string? LastModified)? Get(Uri url)
    {
        using var cmd = db.Command("SELECT etag, last_modified FROM http_cache WHERE url = $u");
        cmd.Parameters.AddWithValue("$u", url.AbsoluteUri);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    public void Save(Uri url, string? etag, string? lastModified)
    {
        if (etag is null && lastModified is null) throw new ArgumentException("A cache entry needs an ETag or a Last-Modified.");
        using var cmd = db.Command("""
            INSERT INTO http_cache (url, etag, last_modified, updated_at) VALUES ($u, $e, $m, $t)
            ON CONFLICT(url) DO UPDATE SET etag = $e, last_modified = $m, updated_at = $t
            """);
        cmd.Parameters.AddWithValue("$u", url.AbsoluteUri);
        cmd.Parameters.AddWithValue("$e", (object?)etag ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$m", (object?)lastModified ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.ExecuteNonQuery();
    }
}
