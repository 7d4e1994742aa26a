namespace NlpPipeline.Storage;

/// <summary>
/// What one source did in one run: failed (with the class and message of the error) or answered, and how
/// many items it yielded that had never been stored before.
/// </summary>
public sealed record SourceOutcome(string SourceId, bool Failed, int NewItems, string? ErrorClass, string? ErrorMessage);
