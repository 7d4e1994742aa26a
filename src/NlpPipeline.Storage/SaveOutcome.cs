namespace NlpPipeline.Storage;

public enum SaveStatus { New, AlreadyStored, Duplicate }

/// <summary>How a duplicate matched its original: the same content hash, or near-duplicate shingles.</summary>
public enum DuplicateKind { Exact, Near }

/// <summary>
/// What saving a document did. <see cref="SaveStatus.Duplicate"/>: the same story is stored under another
/// URL (<see cref="Kind"/> says how it matched); the document row records <c>duplicate_of</c> and holds no
/// passages of its own.
/// </summary>
public sealed record SaveOutcome(SaveStatus Status, long DocumentId, int Passages, DuplicateKind? Kind = null);
