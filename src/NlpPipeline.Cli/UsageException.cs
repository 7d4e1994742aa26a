namespace NlpPipeline.Cli;

/// <summary>An option value the parser accepted but the command cannot use (a bad date, an unknown event).</summary>
internal sealed class UsageException(string message) : Exception(message);
