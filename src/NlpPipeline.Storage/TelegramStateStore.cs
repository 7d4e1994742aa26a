namespace NlpPipeline.Storage;

/// <summary>Each telegram source's reading position: the highest message id read, for the preview URL it was read from.</summary>
public sealed class TelegramStateStore(NlpDatabase db)
{
    /// <summary>The last message id read from <paramref name="channelUrl"/> by this source; null if never (or from another URL).</summary>
    public long? LastSeen(string sourceId, Uri channelUrl)
    {
        using var cmd = db.Command("SELECT last_message_id FROM telegram_state WHERE source_id = $s AND channel_url = $u");
        cmd.Parameters.AddWithValue("$s", sourceId);
        cmd.Parameters.AddWithValue("$u", channelUrl.AbsoluteUri);
        return cmd.ExecuteScalar() as long?;
    }

    public void Save(string sourceId, Uri channelUrl, long lastMessageId)
    {
        using var cmd = db.Command("""
            INSERT INTO telegram_state (source_id, channel_url, last_message_id, updated_at) VALUES ($s, $u, $id, $t)
            ON CONFLICT(source_id) DO UPDATE SET channel_url = $u, last_message_id = $id, updated_at = $t
            """);
        cmd.Parameters.AddWithValue("$s", sourceId);
        cmd.Parameters.AddWithValue("$u", channelUrl.AbsoluteUri);
        cmd.Parameters.AddWithValue("$id", lastMessageId);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.ExecuteNonQuery();
    }
}
