namespace NlpPipeline.Ingestion.Feeds;

/// <summary>The bytes at a feed URL are not a feed we can read; <see cref="Problem"/> says why, the message says where.</summary>
public sealed class FeedFormatException(FeedProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    public FeedProblem Problem { get; } = problem;
}
