using System.Text.Json;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>Per-label probabilities and label lists as stored in the predictions table (wire names as keys).</summary>
internal static class ProbabilityJson
{
    public static string Write<T>(IReadOnlyDictionary<T, float> probs, WireNames<T> names) where T : struct, Enum =>
        JsonSerializer.Serialize(names.All.ToDictionary(names.ToWire, l => Math.Round(probs.GetValueOrDefault(l), 6)));

    public static string WriteList<T>(IEnumerable<T> labels, WireNames<T> names) where T : struct, Enum =>
        JsonSerializer.Serialize(labels.Select(names.ToWire).ToArray());

    /// <summary>
    /// Writes the same JSON as <see cref="Write{T}"/> and <see cref="WriteList{T}"/> (compact, the serializer's number
    /// format) through one reused <see cref="Utf8JsonWriter"/>, without a dictionary per row; one per batch, one thread.
    /// </summary>
    public sealed class Writer
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(512);
        private readonly Utf8JsonWriter _json;

        public Writer() => _json = new Utf8JsonWriter(_buffer);

        public string Write<T>(IReadOnlyDictionary<T, float> probs, WireNames<T> names) where T : struct, Enum
        {
            Start();
            _json.WriteStartObject();
            foreach (var label in names.All) _json.WriteNumber(names.ToWire(label), Math.Round((double)probs.GetValueOrDefault(label), 6));
            _json.WriteEndObject();
            return Finish();
        }

        public string WriteList<T>(IEnumerable<T> labels, WireNames<T> names) where T : struct, Enum
        {
            Start();
            _json.WriteStartArray();
            foreach (var label in labels) _json.WriteStringValue(names.ToWire(label));
            _json.WriteEndArray();
            return Finish();
        }

        private void Start()
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
        }

        private string Finish()
        {
            _json.Flush();
            return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }

    public static IReadOnlyList<T> ReadList<T>(string json, WireNames<T> names) where T : struct, Enum =>
        (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(names.Parse).ToList();

    /// <summary>Reads a stored {label: p} object; a label missing from it reads as 0, an unknown one is an error.</summary>
    public static IReadOnlyDictionary<T, double> ReadProbabilities<T>(string json, WireNames<T> names) where T : struct, Enum
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];
        var probs = names.All.ToDictionary(l => l, _ => 0.0);
        foreach (var (name, p) in stored) probs[names.Parse(name)] = p;
        return probs;
    }

    public static Dictionary<T, float> Read<T>(string json, WireNames<T> names) where T : struct, Enum =>
        ReadProbabilities(json, names).ToDictionary(kv => kv.Key, kv => (float)kv.Value);
}
