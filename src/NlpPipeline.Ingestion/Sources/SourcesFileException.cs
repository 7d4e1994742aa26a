namespace NlpPipeline.Ingestion.Sources;

/// <summary>The sources file is missing or wrong; the message names the file, the line and the field.</summary>
public sealed class SourcesFileException(string message, Exception? inner = null) : Exception(message, inner);
