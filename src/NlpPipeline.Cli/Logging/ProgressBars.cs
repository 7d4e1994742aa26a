using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NlpPipeline.Cli.Logging;

/// <summary>
/// Progress bars (Spectre.Console) on standard error when it is an interactive terminal. One live display per
/// command: it starts with the first step that reports and stops when the last one running ends (finished,
/// cancelled or failed), so sequential steps (ingest, then classify) each get their bars and concurrent ones
/// (documents stored, sources finished) share the display. Log lines go through the same console
/// (<see cref="LineWriter"/>), which prints them above the bars instead of through them.
/// Spectre draws nothing when its console is not interactive (redirected output, CI), which is why
/// <see cref="ProgressReporting"/> uses plain lines there.
/// </summary>
internal sealed class ProgressBars(IAnsiConsole console, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<int, Bar> _bars = new();
    private ProgressContext? _context;
    private Task? _display;
    private TaskCompletionSource? _stop;
    private int _active;

    /// <summary>A console on <paramref name="error"/> that draws with ANSI codes and live updates.</summary>
    public static IAnsiConsole TerminalConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error),
        Ansi = AnsiSupport.Yes,
        Interactive = InteractionSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
    });

    public IAnsiConsole Console => console;

    public IProgressReporter Start(string verb, string unit, long? total)
    {
        lock (_gate)
        {
            var context = _context ?? StartDisplay();
            var task = context.AddTask($"{verb} {unit}", new ProgressTaskSettings { MaxValue = Math.Max(1, total ?? 1), AutoStart = true });
            task.IsIndeterminate = total is null;
            var bar = new Bar(this, task, total);
            _bars[task.Id] = bar;
            _active++;
            return bar;
        }
    }

    private ProgressContext StartDisplay()
    {
        var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress(console, time) { AutoClear = false, HideCompleted = false }
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new CountColumn(_bars), new ElapsedTimeColumn());
        var display = Task.Run(() => progress.StartAsync(async ctx =>
        {
            ready.SetResult(ctx);
            await stop.Task;
        }));
        // The display fails before it is ready only if another live display is running: surface that here.
        Task.WhenAny(ready.Task, display).GetAwaiter().GetResult();
        if (!ready.Task.IsCompleted) display.GetAwaiter().GetResult();
        (_context, _display, _stop) = (ready.Task.Result, display, stop);
        return _context;
    }

    private void End(Bar bar)
    {
        lock (_gate)
        {
            bar.Task.StopTask();
            if (--_active > 0 || _display is null) return;
            _stop!.SetResult();
            try { _display.GetAwaiter().GetResult(); }
            finally
            {
                (_context, _display, _stop) = (null, null, null);
                _bars.Clear();
            }
        }
    }

    /// <summary>Stops the display if a step left it running.</summary>
    public void Dispose()
    {
        foreach (var bar in _bars.Values) bar.Dispose();
    }

    private sealed class Bar(ProgressBars owner, ProgressTask task, long? total) : IProgressReporter
    {
        private long _done;
        private int _ended;

        public ProgressTask Task => task;
        public long Done => Interlocked.Read(ref _done);
        public long? Total => total;

        public void Add(long count = 1)
        {
            Interlocked.Add(ref _done, count);
            if (total is not null) task.Increment(count);
        }

        public void Finish()
        {
            if (total is null) task.IsIndeterminate = false;   // a full bar: the step is done
            task.Value = task.MaxValue;
            Dispose();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) owner.End(this);
        }
    }

    /// <summary>"1,200/120,000", or "1,200" when the total is not known.</summary>
    private sealed class CountColumn(ConcurrentDictionary<int, Bar> bars) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            if (!bars.TryGetValue(task.Id, out var bar)) return Text.Empty;
            var done = bar.Done.ToString("N0", CultureInfo.InvariantCulture);
            return new Text(bar.Total is { } t ? $"{done}/{t.ToString("N0", CultureInfo.InvariantCulture)}" : done);
        }
    }

    /// <summary>
    /// The log's writer while bars may be drawn: whole lines go to the console, which prints them above a live
    /// display, as plain text (never parsed as markup).
    /// </summary>
    public sealed class LineWriter(IAnsiConsole console) : TextWriter
    {
        private readonly Lock _gate = new();
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_gate)
            {
                if (value == '\r') return;
                if (value != '\n') { _line.Append(value); return; }
                console.Write(new Text(_line.ToString()));
                console.WriteLine();
                _line.Clear();
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
                foreach (var c in value ?? "") Write(c);
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                Write(value);
                Write('\n');
            }
        }

        public override void WriteLine() => Write('\n');
    }
}
