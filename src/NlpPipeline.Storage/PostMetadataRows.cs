using System.Text.Json;
using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.Storage;

/// <summary>The <c>post_metadata</c> row of a social-media post, written in the document's own transaction.</summary>
internal static class PostMetadataRows
{
    public static void Insert(NlpDatabase db, SqliteTransaction tx, long documentId, PostMetadata post)
    {
        using var cmd = db.Command("""
            INSERT INTO post_metadata (document_id, channel, message_id, views, forwarded_from, forwarded_from_url, links)
            VALUES ($d, $channel, $message, $views, $from, $fromUrl, $links)
            """, tx);
        var p = cmd.Parameters;
        p.AddWithValue("$d", documentId);
        p.AddWithValue("$channel", post.Channel);
        p.AddWithValue("$message", post.MessageId);
        p.AddWithValue("$views", (object?)post.Views ?? DBNull.Value);
        p.AddWithValue("$from", (object?)post.ForwardedFrom ?? DBNull.Value);
        p.AddWithValue("$fromUrl", post.ForwardedFromUrl is { } u ? u.AbsoluteUri : DBNull.Value);
        p.AddWithValue("$links", JsonSerializer.Serialize(post.Links.Select(l => l.AbsoluteUri)));
        cmd.ExecuteNonQuery();
    }
}
