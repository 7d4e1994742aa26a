namespace NlpPipeline.Ingestion;

/// <summary>
/// A channel's reading position between runs: the highest message id already read (null: never read),
/// and where to save the new one. Saved only after every message of the run has been handed over.
/// </summary>
public sealed record MessageCursor(long? LastSeen, Action<long> Save);
