using System.Collections;
using System.Runtime.CompilerServices;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// One probability for every label of a task (<c>Intent</c>, <c>Sentiment</c>, <c>Topic</c>), as a read-only dictionary
/// over an array indexed by the label: what a model gives each passage, without building a hash table per passage.
/// Keys come in declaration order. The label enum must number its members 0, 1, 2, … (as every label enum does).
/// </summary>
public sealed class LabelProbabilities<T> : IReadOnlyDictionary<T, float> where T : struct, Enum
{
    private static readonly T[] Labels = CheckedLabels();

    private readonly float[] _byLabel;

    /// <summary>Takes <paramref name="byLabel"/> (not copied): the probability of each label at the label's number.</summary>
    public LabelProbabilities(float[] byLabel)
    {
        if (byLabel.Length != Labels.Length)
            throw new ArgumentException($"{byLabel.Length} probabilities for {Labels.Length} {typeof(T).Name} labels.", nameof(byLabel));
        _byLabel = byLabel;
    }

    private static T[] CheckedLabels()
    {
        var labels = Enum.GetValues<T>();
        if (Enum.GetUnderlyingType(typeof(T)) != typeof(int) || labels.Where((l, i) => Number(l) != i).Any())
            throw new InvalidOperationException($"{typeof(T).Name} does not number its members 0, 1, 2, …");
        return labels;
    }

    /// <summary>Where <paramref name="label"/>'s probability sits in the array this type wraps: the label's number.</summary>
    public static int Number(T label) => Unsafe.As<T, int>(ref label);

    public float this[T key] => TryGetValue(key, out var p) ? p : throw new KeyNotFoundException($"{typeof(T).Name} {key}");

    public IEnumerable<T> Keys => Labels;

    public IEnumerable<float> Values => _byLabel;

    public int Count => Labels.Length;

    public bool ContainsKey(T key) => (uint)Number(key) < (uint)Labels.Length;

    public bool TryGetValue(T key, out float value)
    {
        var i = Number(key);
        if ((uint)i < (uint)_byLabel.Length)
        {
            value = _byLabel[i];
            return true;
        }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<T, float>> GetEnumerator()
    {
        for (var i = 0; i < Labels.Length; i++) yield return new KeyValuePair<T, float>(Labels[i], _byLabel[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
