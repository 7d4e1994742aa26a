namespace NlpPipeline.Ingestion.Feeds;

/// <summary>The family a feed belongs to: RSS 0.9x/2.0, RDF (RSS 0.90 and 1.0), Atom 0.3/1.0, JSON Feed, Microsoft CDF.</summary>
public enum FeedFormat { Rss, Rdf, Atom, JsonFeed, Cdf }
