using System.Diagnostics;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The built CLI (nlp.dll, copied beside the tests because they reference the Cli project) started as a real
/// child process with <c>dotnet nlp.dll …</c>, for tests that must kill a run or see two processes at once.
/// </summary>
public sealed class NlpProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _error = new();

    public NlpProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nlp.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until <paramref name="file"/> exists (the process reached its pause point), failing with the process's output if it ended or took too long.</summary>
    public void WaitForFile(string file, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(file))
        {
            if (_process.HasExited) throw new InvalidOperationException($"nlp exited with {_process.ExitCode} before {Path.GetFileName(file)}:\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nlp did not reach {Path.GetFileName(file)} in {timeout}:\n{Output}\n{Error}");
            Thread.Sleep(50);
        }
    }

    /// <summary>SIGKILL: no handler, no finally block, no flush runs in the child.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }
}
