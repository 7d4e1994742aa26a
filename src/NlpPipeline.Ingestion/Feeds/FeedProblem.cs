namespace NlpPipeline.Ingestion.Feeds;

/// <summary>Why the bytes at a feed URL gave no feed.</summary>
public enum FeedProblem
{
    /// <summary>Readable, but not RSS, Atom, RDF, CDF or JSON Feed (an HTML page, other JSON, garbage).</summary>
    NotAFeed,
    /// <summary>
    /// A feed that cannot be trusted as read: truncated before its root element closes, or declaring
    /// entities we refuse to expand (external entities, entities nesting entities).
    /// </summary>
    Malformed,
}
