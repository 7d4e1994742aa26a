namespace NlpPipeline.Classification;

/// <summary>A model directory is missing, incomplete or unreadable; the message names the path.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
