using NlpPipeline.Core.Analysis;
using ScottPlot;
using SkiaSharp;

namespace NlpPipeline.Cli.Charts;

/// <summary>
/// Draws a weekly series as a PNG of two panels sharing the week axis: the mean sentiment score with its 95 % interval
/// as a band, and the share of emigration-related passages with its Wilson interval. Events are shaded and named in both.
/// With a breakdown, each group is its own line (interval bands only for up to two groups, where they stay readable).
/// Weeks without passages break the line rather than being bridged. Text uses the system's DejaVu Sans (Debian: fonts-dejavu-core); without
/// it ScottPlot would write a PNG with no text at all, so its absence is an error, not a silent blank.
/// </summary>
internal static class WeeklyChart
{
    public const int Width = 1200;
    public const int PanelHeight = 420;
    public const string FontFamily = "DejaVu Sans";

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
    ];

    /// <summary>The chart as PNG bytes, <see cref="Width"/> × 2 <see cref="PanelHeight"/> pixels.</summary>
    public static byte[] Render(WeeklySeries series, IReadOnlyList<ResearchEvent> events, string title)
    {
        EnsureFont();
        var weeks = series.Rows.Select(r => r.Week).Distinct().Order().ToList();
        if (weeks.Count == 0) throw new UsageException("Nothing to chart: the series has no weeks.");
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => (double)x.i);
        var groups = series.Rows.GroupBy(r => r.Group).ToList();

        var bands = groups.Count <= 2;
        var top = NewPlot(title, bands ? "mean sentiment (band: 95 % CI)" : "mean sentiment", weeks);
        var bottom = NewPlot(null, bands ? "emigration-related, % of passages (band: 95 % CI)" : "emigration-related, % of passages", weeks);
        bottom.XLabel("ISO week (first day, Monday)", size: 13);
        Shade(top, bottom, events, weeks, index);
        for (var g = 0; g < groups.Count; g++)
        {
            var color = Palette[g % Palette.Length];
            var label = groups[g].Key ?? "all passages";
            var rows = groups[g].OrderBy(r => r.Week).ToList();
            AddSentiment(top, rows, index, color, label, bands);
            AddEmigration(bottom, rows, index, color, label, bands);
        }
        top.Axes.SetLimitsY(-1.05, 1.05);
        bottom.Axes.SetLimitsY(0, Math.Max(5, Math.Ceiling(MaxUpper(series.Rows) * 100 / 5) * 5));
        foreach (var p in new[] { top, bottom })
        {
            p.Axes.SetLimitsX(-0.5, weeks.Count - 0.5);
            p.ShowLegend(Alignment.UpperRight);
        }
        return Stack(top.GetImageBytes(Width, PanelHeight, ImageFormat.Png), bottom.GetImageBytes(Width, PanelHeight, ImageFormat.Png));
    }

    private static Plot NewPlot(string? title, string yLabel, IReadOnlyList<Week> weeks)
    {
        var plt = new Plot();
        plt.Font.Set(FontFamily);
        if (title is not null) plt.Title(title, size: 16);
        plt.YLabel(yLabel, size: 13);
        var step = Math.Max(1, (int)Math.Ceiling(weeks.Count / 10.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < weeks.Count; i += step)
            ticks.AddMajor(i, $"{weeks[i]}\n{weeks[i].Monday:dd MMM yyyy}");
        plt.Axes.Bottom.TickGenerator = ticks;
        plt.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plt.Axes.Left.TickLabelStyle.FontSize = 11;
        return plt;
    }

    private static void Shade(Plot top, Plot bottom, IReadOnlyList<ResearchEvent> events, IReadOnlyList<Week> weeks, Dictionary<Week, double> index)
    {
        var first = weeks[0];
        var last = weeks[^1];
        var shown = 0;
        foreach (var e in events.Where(e => e.Overlaps(first.Monday, last.Sunday)))
        {
            var from = Week.Of(e.Start) < first ? first : Week.Of(e.Start);
            var to = e.End is { } end && Week.Of(end) < last ? Week.Of(end) : last;
            double x1 = index.GetValueOrDefault(from, 0) - 0.5, x2 = index.GetValueOrDefault(to, weeks.Count - 1) + 0.5;
            foreach (var p in new[] { top, bottom })
            {
                var span = p.Add.HorizontalSpan(x1, x2);
                span.FillStyle.Color = Colors.Orange.WithAlpha(0.18);
                span.LineStyle.Width = 0;
            }
            var label = top.Add.Text(e.Name, x1 + 0.1, 0.95 - 0.12 * (shown % 3));
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.DarkOrange.Darken(0.3);
            label.LabelAlignment = Alignment.UpperLeft;
            shown++;
        }
    }

    private static void AddSentiment(Plot plt, IReadOnlyList<WeeklyRow> rows, Dictionary<Week, double> index, Color color, string label, bool bands)
    {
        var points = rows.Where(r => r.Tally.MeanSentiment is not null)
            .Select(r => (X: index[r.Week], Y: r.Tally.MeanSentiment!.Value, Low: r.Tally.MeanSentiment.Low, High: r.Tally.MeanSentiment.High)).ToList();
        AddLine(plt, points.Select(p => (p.X, p.Y)).ToList(), color, label);
        if (bands)
            AddBand(plt, points.Where(p => p.Low is not null && p.High is not null).Select(p => (p.X, p.Low!.Value, p.High!.Value)).ToList(), color);
        var zero = plt.Add.HorizontalLine(0);
        zero.Color = Colors.Gray.WithAlpha(0.6);
        zero.LineWidth = 1;
    }

    private static void AddEmigration(Plot plt, IReadOnlyList<WeeklyRow> rows, Dictionary<Week, double> index, Color color, string label, bool bands)
    {
        var points = rows.Where(r => r.Tally.Passages > 0).Select(r => (X: index[r.Week], Row: r, Interval: Intervals.Wilson(r.Tally.EmigrationRelated, r.Tally.Passages)!.Value)).ToList();
        AddLine(plt, points.Select(p => (p.X, p.Row.Tally.ShareEmigrationRelated.Ratio!.Value * 100)).ToList(), color, label);
        if (bands) AddBand(plt, points.Select(p => (p.X, p.Interval.Low * 100, p.Interval.High * 100)).ToList(), color);
    }

    /// <summary>One line per run of consecutive weeks, so a week without passages is a visible gap; one legend entry.</summary>
    private static void AddLine(Plot plt, IReadOnlyList<(double X, double Y)> points, Color color, string label)
    {
        var first = true;
        foreach (var run in Runs(points, p => p.X))
        {
            var line = plt.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 5;
            if (first) line.LegendText = label;
            first = false;
        }
    }

    private static void AddBand(Plot plt, IReadOnlyList<(double X, double Low, double High)> points, Color color)
    {
        foreach (var run in Runs(points, p => p.X))
        {
            var band = plt.Add.FillY(run.Select(p => p.X).ToArray(), run.Select(p => p.Low).ToArray(), run.Select(p => p.High).ToArray());
            band.FillStyle.Color = color.WithAlpha(0.2);
            band.LineStyle.Width = 0;
        }
    }

    private static IEnumerable<List<T>> Runs<T>(IReadOnlyList<T> points, Func<T, double> x)
    {
        var run = new List<T>();
        foreach (var p in points)
        {
            if (run.Count > 0 && x(p) - x(run[^1]) > 1.5)
            {
                yield return run;
                run = [];
            }
            run.Add(p);
        }
        if (run.Count > 0) yield return run;
    }

    private static double MaxUpper(IEnumerable<WeeklyRow> rows) =>
        rows.Where(r => r.Tally.Passages > 0).Select(r => Intervals.Wilson(r.Tally.EmigrationRelated, r.Tally.Passages)!.Value.High).DefaultIfEmpty(0).Max();

    /// <summary>The two panels one above the other, as one PNG.</summary>
    private static byte[] Stack(byte[] top, byte[] bottom)
    {
        using var a = SKBitmap.Decode(top);
        using var b = SKBitmap.Decode(bottom);
        using var combined = new SKBitmap(Width, a.Height + b.Height);
        using (var canvas = new SKCanvas(combined))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(a, 0, 0);
            canvas.DrawBitmap(b, 0, a.Height);
        }
        using var image = SKImage.FromBitmap(combined);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void EnsureFont()
    {
        using var typeface = SKFontManager.Default.MatchFamily(FontFamily);
        if (typeface is null)
            throw new IOException($"The font \"{FontFamily}\" is not installed, so a chart would have no text. On Debian: apt-get install fonts-dejavu-core.");
    }
}
