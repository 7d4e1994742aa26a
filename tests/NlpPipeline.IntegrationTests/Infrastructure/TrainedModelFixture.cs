namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// Trains a model once for the whole "model" collection, through the real `nlp train` command on the
/// project's annotated corpus, into a temporary models folder (two cross-validation folds instead of
/// the default five, to keep the suite's time down; the fold count only changes topic thresholds and
/// the card's CV figures).
/// </summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string ModelsDir => _dir.File("models");
    public NlpCli.Result TrainResult { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TrainResult = await NlpCli.RunAsync("train", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"), "--models", ModelsDir, "--folds", "2");
        if (TrainResult.ExitCode != 0) throw new InvalidOperationException("nlp train failed: " + TrainResult.Error);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "model";
}
