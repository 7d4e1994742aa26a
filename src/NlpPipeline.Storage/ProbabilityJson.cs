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
    /// format) straight into one reused character buffer, without a dictionary or a JSON writer per row; one per batch,
    /// one thread. Wire names are plain snake_case, which JSON writes as they are (checked when a table is first used).
    /// </summary>
    public sealed class Writer
    {
        private char[] _buffer = new char[512];
        private int _length;
        private readonly Dictionary<object, string[]> _keys = [];

        public string Write<T>(IReadOnlyDictionary<T, float> probs, WireNames<T> names) where T : struct, Enum
        {
            Format(probs, names);
            return new string(_buffer, 0, _length);
        }

        /// <summary><see cref="Write{T}(IReadOnlyDictionary{T, float}, WireNames{T})"/>'s text in UTF-8, in a buffer of this
        /// writer's that the next call overwrites (for binding to a statement without a string per value).</summary>
        public ReadOnlySpan<byte> WriteUtf8<T>(IReadOnlyDictionary<T, float> probs, WireNames<T> names) where T : struct, Enum
        {
            Format(probs, names);
            return Utf8();
        }

        /// <summary><see cref="WriteList{T}(IEnumerable{T}, WireNames{T})"/>'s text in UTF-8, as <see cref="WriteUtf8{T}(IReadOnlyDictionary{T, float}, WireNames{T})"/>.</summary>
        public ReadOnlySpan<byte> WriteListUtf8<T>(IEnumerable<T> labels, WireNames<T> names) where T : struct, Enum
        {
            FormatList(labels, names);
            return Utf8();
        }

        private byte[] _bytes = new byte[1536];

        private ReadOnlySpan<byte> Utf8()
        {
            var chars = _buffer.AsSpan(0, _length);
            if (_bytes.Length < chars.Length * 3) _bytes = new byte[chars.Length * 3];
            return _bytes.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(chars, _bytes));
        }

        private void Format<T>(IReadOnlyDictionary<T, float> probs, WireNames<T> names) where T : struct, Enum
        {
            var keys = Keys(names);
            _length = 0;
            Append('{');
            for (var i = 0; i < keys.Length; i++)
            {
                if (i > 0) Append(',');
                Append(keys[i]);
                AppendNumber(Math.Round((double)probs.GetValueOrDefault(names.All[i]), 6));
            }
            Append('}');
        }

        public string WriteList<T>(IEnumerable<T> labels, WireNames<T> names) where T : struct, Enum
        {
            FormatList(labels, names);
            return new string(_buffer, 0, _length);
        }

        private void FormatList<T>(IEnumerable<T> labels, WireNames<T> names) where T : struct, Enum
        {
            _length = 0;
            Append('[');
            foreach (var label in labels)
            {
                if (_length > 1) Append(',');
                Append('"');
                Append(names.ToWire(label));
                Append('"');
            }
            Append(']');
        }

        /// <summary>Each label's <c>"name":</c>, in the table's order.</summary>
        private string[] Keys<T>(WireNames<T> names) where T : struct, Enum
        {
            if (_keys.TryGetValue(names, out var keys)) return keys;
            foreach (var name in names.Names)
                if (name.Length == 0 || name.Any(c => c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '_')))
                    throw new InvalidOperationException($"Wire name '{name}' is not plain snake_case; JSON might escape it.");
            return _keys[names] = names.Names.Select(n => $"\"{n}\":").ToArray();
        }

        /// <summary>
        /// A value rounded to six decimals as the serializer writes it (shortest round trip): the six-decimal fraction
        /// without its trailing zeros ("0.5", "0.000123", "1"), which is the shortest decimal that reads back as the
        /// double nearest to it; below 0.0001 the serializer's exponent form ("1.1E-05", "3E-06"). Anything outside
        /// 0–1 is left to the serializer. <c>ProbabilityJsonTests</c> compares every six-decimal value.
        /// </summary>
        private void AppendNumber(double rounded)
        {
            if (!(rounded >= 0 && rounded <= 1) || double.IsNegative(rounded))   // -0 is written "-0"
            {
                Append(JsonSerializer.Serialize(rounded));
                return;
            }
            var micros = (int)Math.Round(rounded * 1_000_000);
            if (micros is 0 or 1_000_000)
            {
                Append(micros == 0 ? '0' : '1');
                return;
            }
            if (micros < 100)
            {
                Append((char)('0' + (micros < 10 ? micros : micros / 10)));
                if (micros >= 10 && micros % 10 != 0)
                {
                    Append('.');
                    Append((char)('0' + micros % 10));
                }
                Append(micros < 10 ? "E-06" : "E-05");
                return;
            }
            Span<char> digits = stackalloc char[8];
            digits[0] = '0';
            digits[1] = '.';
            for (var i = 7; i >= 2; i--, micros /= 10) digits[i] = (char)('0' + micros % 10);
            var end = 8;
            while (digits[end - 1] == '0') end--;
            Append(digits[..end]);
        }

        private void Append(char c)
        {
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            _buffer[_length++] = c;
        }

        private void Append(ReadOnlySpan<char> s)
        {
            if (_length + s.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + s.Length));
            s.CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
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
