namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>Where test inputs live: fixtures copied beside the tests, and the repository (for corpora and the committed model).</summary>
public static class TestPaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Sites => Path.Combine(Fixtures, "Sites");

    /// <summary>The checkout root, found by walking up to NlpPipeline.sln.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NlpPipeline.sln"))) return dir.FullName;
            throw new InvalidOperationException("NlpPipeline.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nlp-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
