using System.Globalization;
using System.Text.Json;

namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Reads an events file: <c>{"events": [{"name", "start", "end"?, "description"?, "country"?}]}</c> with dates as
/// yyyy-MM-dd in the research time zone; <c>end</c> is inclusive and may be null for an open-ended wave;
/// <c>country</c> is an ISO 3166-1 alpha-2 code.
/// Any mistake is an error naming the event and the field.
/// </summary>
public static class EventsFile
{
    private static readonly HashSet<string> Keys = ["name", "start", "end", "description", "country"];

    public static IReadOnlyList<ResearchEvent> Load(string path)
    {
        if (!File.Exists(path)) throw new FormatException($"Events file not found: {path}");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException ex) { throw new FormatException($"{path}:{(ex.LineNumber ?? 0) + 1}: invalid JSON ({ex.Message.Split(". ")[0]})", ex); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{path}: expected an object with an \"events\" array");
            var events = new List<ResearchEvent>();
            var index = 0;
            foreach (var e in list.EnumerateArray())
            {
                events.Add(Parse(path, index, e));
                index++;
            }
            var dup = events.Select((e, i) => (e.Name, Index: i)).GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null)
                throw new FormatException($"{path}: event name \"{dup.Key}\" appears more than once (events[{string.Join("], events[", dup.Select(d => d.Index))}])");
            return events;
        }
    }

    private static ResearchEvent Parse(string path, int index, JsonElement e)
    {
        string Where() => $"{path}: events[{index}]";
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"{Where()} must be an object");
        foreach (var p in e.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw new FormatException($"{Where()}: unknown key \"{p.Name}\" (allowed: {string.Join(", ", Keys)})");
        string? Str(string key, bool required)
        {
            if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
                return required ? throw new FormatException($"{Where()}: missing \"{key}\"") : null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"{Where()}: \"{key}\" must be a string");
        }
        DateOnly? Date(string key, bool required)
        {
            var s = Str(key, required);
            if (s is null) return null;
            return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new FormatException($"{Where()}: \"{key}\" is \"{s}\", expected a date like 2022-01-02");
        }
        var name = Str("name", true)!;
        var start = Date("start", true)!.Value;
        var end = Date("end", false);
        if (end < start) throw new FormatException($"{Where()} (\"{name}\"): end {end:yyyy-MM-dd} is before start {start:yyyy-MM-dd}");
        var country = Str("country", false);
        if (country is not null && !ResearchEvent.IsCountryCode(country))
            throw new FormatException($"{Where()} (\"{name}\"): \"country\" is \"{country}\", expected a two-letter ISO 3166-1 code like KZ");
        return new ResearchEvent(name, start, end, Str("description", false), country);
    }
}
