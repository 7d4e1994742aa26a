using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The committed corpus's training part (the fixed split, as <c>nlp train</c> cuts it), read once, and samples of it
/// prepared as <see cref="ModelTrainer.Prepare"/> prepares them, for tests that fit small models.
/// </summary>
internal static class TrainingSample
{
    private static readonly Lazy<List<AnnotatedPassage>> Part = new(() =>
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var split = CorpusSplit.Assign(corpus);
        return corpus.Where(p => split[p.Id] != Split.Test).ToList();
    });

    public static IReadOnlyList<AnnotatedPassage> TrainingPart => Part.Value;

    /// <summary>Every <paramref name="n"/>-th passage of the training part (the first, the n+1-th, …): ids and prepared rows.</summary>
    public static (List<string> Ids, List<TrainingRow> Rows) EveryNth(int n)
    {
        var passages = Part.Value.Where((_, i) => i % n == 0).ToList();
        return (passages.Select(p => p.Id).ToList(), ModelTrainer.Prepare(passages).ToList());
    }
}
