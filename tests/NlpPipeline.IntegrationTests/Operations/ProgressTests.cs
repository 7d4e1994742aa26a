using NlpPipeline.Cli.Logging;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: progress bars on an interactive terminal, plain lines otherwise. No test looks at the real terminal.</summary>
public sealed class ProgressTests
{
    [Theory]
    [InlineData(false, "xterm-256color", true)]
    [InlineData(false, null, true)]
    [InlineData(true, "xterm-256color", false)]   // stderr redirected to a file or a pipe
    [InlineData(false, "dumb", false)]
    [InlineData(false, "DUMB", false)]
    public void IsTerminal_OnlyWhenStderrIsNotRedirectedAndTermIsNotDumb(bool redirected, string? term, bool expected) =>
        Assert.Equal(expected, ProgressReporting.IsTerminal(redirected, term));

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]    // --quiet: warnings and errors only, no bars
    [InlineData(false, false, false)]
    public void UseBars_OnATerminalWithoutQuiet(bool terminal, bool quiet, bool expected) =>
        Assert.Equal(expected, ProgressReporting.UseBars(terminal, quiet));

    [Fact]
    public void Bars_ShowDoneAndTotal_LogLinesPrintAboveThem_AndTheDisplayStopsWithTheLastStep()
    {
        var error = new StringWriter();
        using var bars = new ProgressBars(ProgressBars.TerminalConsole(error), TimeProvider.System);
        var log = new ProgressBars.LineWriter(bars.Console);

        using (var classified = bars.Start("Classified", "passages", 1_200))
        using (var stored = bars.Start("Stored", "new documents", null))   // two steps at once share one display
        {
            for (var i = 0; i < 12; i++) classified.Add(100);
            stored.Add(7);
            log.WriteLine("12:00:00 info  ScoringRunner: Classifying 1200 passage(s)");
            stored.Finish();
            classified.Finish();
        }

        var text = error.ToString();
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);                      // drawn with ANSI codes
        Assert.Contains("Classified passages", text);
        Assert.Contains("1,200/1,200", text);
        Assert.Contains("100%", text);
        Assert.Contains("Stored new documents", text);
        Assert.Matches(@"\b7\b", text);
        Assert.Contains("ScoringRunner: Classifying 1200 passage(s)", text);

        // The display stopped: a second step later starts a new one instead of failing on a running display.
        using var again = bars.Start("Imported", "posts", 3);
        again.Add(3);
        again.Finish();
        Assert.Contains("3/3", error.ToString()[text.Length..]);
    }

    [Fact]
    public void Bars_DisposedWithoutFinish_StopTheDisplay_SoTheNextStepCanDraw()
    {
        var error = new StringWriter();
        using var bars = new ProgressBars(ProgressBars.TerminalConsole(error), TimeProvider.System);
        try
        {
            using var failing = bars.Start("Classified", "passages", 10);
            failing.Add(4);
            throw new InvalidOperationException("store failed");
        }
        catch (InvalidOperationException) { }

        Assert.Contains("4/10", error.ToString());
        using var next = bars.Start("Classified", "passages", 10);
        next.Add(10);
        next.Finish();
        Assert.Contains("10/10", error.ToString());
    }
}
