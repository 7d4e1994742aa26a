using System.Collections.Frozen;

namespace NlpPipeline.Core.Labels;

/// <summary>
/// A two-way table between enum members and the exact strings stored on disk. The strings are
/// written out by hand (never derived from member names) so renaming a C# member cannot rename data.
/// </summary>
public sealed class WireNames<T> where T : struct, Enum
{
    private readonly FrozenDictionary<T, string> _wire;
    private readonly FrozenDictionary<string, T> _parsed;

    public WireNames(IReadOnlyList<(T Value, string Name)> table)
    {
        _wire = table.ToFrozenDictionary(p => p.Value, p => p.Name);
        _parsed = table.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var missing = Enum.GetValues<T>().Where(v => !_wire.ContainsKey(v)).ToList();
        if (missing.Count > 0 || _parsed.Count != table.Count)
            throw new InvalidOperationException($"Wire-name table for {typeof(T).Name} is incomplete or has duplicates.");
        All = table.Select(p => p.Value).ToArray();
        Names = table.Select(p => p.Name).ToArray();
    }

    /// <summary>Members in the order of the table (the order of LABELS.md).</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>Wire names in the order of the table.</summary>
    public IReadOnlyList<string> Names { get; }

    public string ToWire(T value) => _wire.TryGetValue(value, out var s)
        ? s : throw new ArgumentOutOfRangeException(nameof(value), value, $"No wire name for {typeof(T).Name}.{value}");

    public bool TryParse(string? name, out T value)
    {
        if (name is not null && _parsed.TryGetValue(name, out value)) return true;
        value = default;
        return false;
    }

    /// <summary>Parses a stored name; an unknown name means our own data is corrupt, so it throws.</summary>
    public T Parse(string name) => TryParse(name, out var v)
        ? v : throw new FormatException($"Unknown {typeof(T).Name.ToLowerInvariant()} label '{name}'. Expected one of: {string.Join(", ", Names)}.");
}
