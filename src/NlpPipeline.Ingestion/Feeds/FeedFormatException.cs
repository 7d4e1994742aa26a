namespace NlpPipeline.Ingestion.Feeds;

/// <summary>The bytes at a feed URL are not an RSS, Atom or JSON feed we can read.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
