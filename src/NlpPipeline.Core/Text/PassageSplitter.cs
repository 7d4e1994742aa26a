using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Splits a document's paragraphs into passages: one per paragraph, and a paragraph longer than
/// <see cref="MaxLength"/> is cut at the sentence end nearest below the limit (at a space when a
/// single sentence is longer still). Every passage is normalised and non-empty.
/// </summary>
public sealed class PassageSplitter(int maxLength = PassageSplitter.DefaultMaxLength)
{
    public const int DefaultMaxLength = 1500;

    public int MaxLength { get; } = maxLength >= 100 ? maxLength
        : throw new ArgumentOutOfRangeException(nameof(maxLength), "A passage limit under 100 characters would cut sentences apart.");

    public IEnumerable<string> Split(IEnumerable<string> paragraphs)
    {
        foreach (var raw in paragraphs)
        {
            var p = TextNormalizer.Normalize(raw);
            if (p.Length == 0) continue;
            if (p.Length <= MaxLength) { yield return p; continue; }
            foreach (var chunk in SplitLong(p)) yield return chunk;
        }
    }

    private IEnumerable<string> SplitLong(string paragraph)
    {
        var current = new StringBuilder();
        foreach (var sentence in SentenceSplitter.Split(paragraph))
        {
            if (current.Length > 0 && current.Length + 1 + sentence.Length > MaxLength)
            {
                yield return current.ToString();
                current.Clear();
            }
            if (sentence.Length > MaxLength)
            {
                foreach (var piece in CutAtSpaces(sentence)) yield return piece;
                continue;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(sentence);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private IEnumerable<string> CutAtSpaces(string text)
    {
        var rest = text;
        while (rest.Length > MaxLength)
        {
            var cut = rest.LastIndexOf(' ', MaxLength);
            if (cut < MaxLength / 2) cut = MaxLength;   // no space in a sensible place: cut hard
            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) yield return rest;
    }
}
