using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>How a source is fetched: a syndication feed, one article page, or a public Telegram channel.</summary>
public enum SourceType { Feed, Page, Telegram }

public static class SourceTypeNames
{
    public static readonly WireNames<SourceType> Table = new([
        (SourceType.Feed, "feed"), (SourceType.Page, "page"), (SourceType.Telegram, "telegram"),
    ]);

    public static string ToWire(this SourceType t) => Table.ToWire(t);
}
