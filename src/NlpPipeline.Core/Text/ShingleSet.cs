namespace NlpPipeline.Core.Text;

/// <summary>
/// The word shingles of a text (every run of <see cref="NearDuplicates.ShingleWords"/> consecutive words of
/// its feature form, hashed to 64 bits) and how many words it has. Built by <see cref="NearDuplicates.Shingle"/>.
/// </summary>
public sealed record ShingleSet(int Words, IReadOnlySet<ulong> Hashes)
{
    /// <summary>Long enough for near-duplicate detection; shorter texts are matched by exact content hash only.</summary>
    public bool IsComparable => Words >= NearDuplicates.MinWords;
}
