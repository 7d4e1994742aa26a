namespace NlpPipeline.Storage;

/// <summary>The database cannot be used: not SQLite, not ours, or from a newer version of the program.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
