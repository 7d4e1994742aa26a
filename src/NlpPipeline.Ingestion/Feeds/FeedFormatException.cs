namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// The bytes at a feed URL are not a feed we can read. <see cref="Problem"/> classifies it; the message
/// starts with the class ("malformed feed: …", "not a feed: …") and says where and why.
/// </summary>
public sealed class FeedFormatException(FeedProblem problem, string message, Exception? inner = null)
    : Exception($"{Label(problem)}: {message}", inner)
{
    public FeedProblem Problem { get; } = problem;

    public static string Label(FeedProblem problem) => problem switch
    {
        FeedProblem.NotAFeed => "not a feed",
        FeedProblem.Malformed => "malformed feed",
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };
}
