namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// When ingest calls a source broken: after <see cref="FailRuns"/> failed runs in a row it is reported
/// loudly, and, if <see cref="AutoDisable"/> (opt-in), disabled until <c>nlp sources enable ID</c>.
/// </summary>
internal sealed record SourceHealthOptions(int FailRuns, bool AutoDisable)
{
    public const int DefaultFailRuns = 3;

    public static SourceHealthOptions Default { get; } = new(DefaultFailRuns, false);
}
