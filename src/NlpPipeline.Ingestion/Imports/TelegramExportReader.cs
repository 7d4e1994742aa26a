using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// Reads a Telegram Desktop export: one chat's <c>result.json</c> ({"name", "id", "messages": […]}) or a
/// full-account export ({"chats": {"list": [chat, …]}}). A message's text is a string, or an array of
/// strings and entity objects ({"type": "bold", "text": …}) whose texts are joined. Its time is
/// date_unixtime (exact), with the exporter's UTC offset recovered from the local "date" beside it.
/// The author is from_id (stable), else from; forwarded_from is not kept. Service messages (joins,
/// pins) and messages without text (a photo alone) are counted and left out.
/// </summary>
internal static class TelegramExportReader
{
    public static ImportBatch Read(byte[] bytes, string platform, List<(int, string)> problems)
    {
        var lines = MessageLines(bytes);
        using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        var chats = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out _) ? [root]
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("chats", out var c) && c.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList()
                : [];
        if (chats.Count == 0)
        {
            problems.Add((1, "not a Telegram Desktop export: no \"messages\" array (nor \"chats\": {\"list\": […]})"));
            return new ImportBatch([], 0, 0, null);
        }
        var posts = new List<ImportedPost>();
        int service = 0, empty = 0, index = 0;
        foreach (var chat in chats)
        {
            var chatId = chat.TryGetProperty("id", out var cid) ? Scalar(cid) : null;
            if (!chat.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array) continue;
            foreach (var m in messages.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 0;
                index++;
                if (m.ValueKind != JsonValueKind.Object) { problems.Add((line, "a message is not a JSON object")); continue; }
                if (m.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "service") { service++; continue; }
                var id = m.TryGetProperty("id", out var idValue) ? Scalar(idValue) : null;
                if (string.IsNullOrWhiteSpace(id)) { problems.Add((line, "message without an \"id\"")); continue; }
                if (!m.TryGetProperty("text", out var textValue)) { problems.Add((line, $"message {id}: no \"text\"")); continue; }
                if (Text(textValue) is not { } text) { problems.Add((line, $"message {id}: \"text\" is neither a string nor an array of strings and entities")); continue; }
                if (!TryTime(m, out var time, out var timeProblem)) { problems.Add((line, $"message {id}: {timeProblem}")); continue; }
                if (string.IsNullOrWhiteSpace(text)) { empty++; continue; }
                var author = (m.TryGetProperty("from_id", out var fromId) ? Scalar(fromId) : null) ?? (m.TryGetProperty("from", out var from) ? Scalar(from) : null);
                posts.Add(new ImportedPost(platform, chatId is null ? id : $"{chatId}/{id}", text, time, null, author, line));
            }
        }
        var name = chats.Count == 1 && chats[0].TryGetProperty("name", out var n) ? Scalar(n) : null;
        return new ImportBatch(posts, service, empty, name);
    }

    private static string? Text(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.Array:
                var sb = new StringBuilder();
                foreach (var part in e.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String) sb.Append(part.GetString());
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String) sb.Append(t.GetString());
                    else return null;
                }
                return sb.ToString();
            default: return null;
        }
    }

    /// <summary>date_unixtime is the instant; "date" is the exporter's wall clock, which gives the offset.</summary>
    private static bool TryTime(JsonElement m, out DateTimeOffset? time, out string problem)
    {
        time = null;
        problem = "";
        var unix = m.TryGetProperty("date_unixtime", out var u) ? Scalar(u) : null;
        var local = m.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (unix is null && local is null) { problem = "no \"date\" or \"date_unixtime\""; return false; }
        DateTime wall = default;
        var hasWall = local is not null && DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out wall);
        if (unix is not null)
        {
            if (!long.TryParse(unix, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0) { problem = $"date_unixtime '{unix}' is not a Unix time"; return false; }
            var instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var offset = hasWall ? wall - instant.UtcDateTime : TimeSpan.Zero;
            var whole = Math.Abs(offset.TotalHours) <= 14 && offset.Ticks % TimeSpan.TicksPerMinute == 0;
            time = whole ? instant.ToOffset(offset) : instant;
            return true;
        }
        if (!hasWall) { problem = $"date '{local}' is not a time"; return false; }
        time = new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), TimeSpan.Zero);   // no offset known: read as UTC
        return true;
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(e.GetString()) ? null : e.GetString()!.Trim(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };

    /// <summary>The line on which each element of a "messages" array starts, in document order.</summary>
    private static List<int> MessageLines(byte[] bytes)
    {
        var starts = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var containers = new Stack<bool>();   // per open container: is it a "messages" array?
        string? property = null;
        var line = 1;
        long counted = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName) { property = reader.GetString(); continue; }
                if (reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject) && containers.TryPeek(out var inMessages) && inMessages)
                {
                    for (; counted < reader.TokenStartIndex; counted++) if (bytes[counted] == '\n') line++;
                    starts.Add(line);
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray: containers.Push(property == "messages"); break;
                    case JsonTokenType.StartObject: containers.Push(false); break;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject: containers.Pop(); break;
                }
                property = null;
            }
        }
        catch (JsonException) { }   // JsonDocument.Parse then reports the syntax error with its line
        return starts;
    }
}
