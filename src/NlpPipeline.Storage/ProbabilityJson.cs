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
