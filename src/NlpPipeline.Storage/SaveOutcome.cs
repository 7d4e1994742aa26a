namespace NlpPipeline.Storage;

public enum SaveStatus { New, AlreadyStored, Duplicate }

/// <summary>
/// What saving a document did. <see cref="SaveStatus.Duplicate"/>: the same text is stored under another
/// URL; the document row records <c>duplicate_of</c> and holds no passages of its own.
/// </summary>
public sealed record SaveOutcome(SaveStatus Status, long DocumentId, int Passages);
