using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>The committed model (models/current) and the held-out test part of the annotated corpus, loaded once.</summary>
public sealed class CommittedModelFixture
{
    public CommittedModelFixture()
    {
        ModelsDir = Path.Combine(TestPaths.RepoRoot, "models");
        (Bundle, Manifest) = ModelRepository.Load(ModelsDir);
        VersionDir = ModelRepository.ResolveVersionDirectory(ModelsDir);
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var split = CorpusSplit.Assign(corpus);
        Test = corpus.Where(p => split[p.Id] == Split.Test).ToList();
    }

    public string ModelsDir { get; }
    public string VersionDir { get; }
    public ModelBundle Bundle { get; }
    public ModelManifest Manifest { get; }
    public IReadOnlyList<AnnotatedPassage> Test { get; }
}

[CollectionDefinition(Name)]
public sealed class CommittedModelCollection : ICollectionFixture<CommittedModelFixture>
{
    public const string Name = "committed model";
}
