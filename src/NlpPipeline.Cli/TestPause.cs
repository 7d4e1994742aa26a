namespace NlpPipeline.Cli;

/// <summary>
/// Deterministic pause points for the crash-safety tests, honoured only when <c>NLP_TEST_PAUSE_AT</c> is set
/// (<c>stage</c> or <c>stage:N</c>, the N-th time the stage is reached; stages: fetch, write, classify). The
/// process then writes the file named by <c>NLP_TEST_PAUSE_MARKER</c> and blocks where it stands, holding
/// whatever it holds (a transaction, the run lease), until the test kills it. Unset, it costs one comparison.
/// </summary>
internal static class TestPause
{
    public const string Variable = "NLP_TEST_PAUSE_AT";
    public const string MarkerVariable = "NLP_TEST_PAUSE_MARKER";

    private static readonly (string Stage, int Nth)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _hits;

    public static void At(string stage)
    {
        if (Target is not { } target || !string.Equals(target.Stage, stage, StringComparison.Ordinal)) return;
        if (Interlocked.Increment(ref _hits) != target.Nth) return;
        if (Environment.GetEnvironmentVariable(MarkerVariable) is { Length: > 0 } marker)
            File.WriteAllText(marker, $"{stage}:{target.Nth} pid {Environment.ProcessId}\n");
        Thread.Sleep(Timeout.Infinite);
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Split(':', 2);
        var nth = parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return (parts[0].Trim(), nth);
    }
}
