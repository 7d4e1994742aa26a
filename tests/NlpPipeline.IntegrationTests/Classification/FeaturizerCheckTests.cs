using System.Text.Json.Nodes;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Features;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5: a model is scored only with the featurizer it was trained with. The manifest names the featurizer, its
/// version and options, and the SHA-256 of its slot map (features.bin); loading refuses any mismatch.
/// </summary>
[Collection(CommittedModelCollection.Name)]
public sealed class FeaturizerCheckTests(CommittedModelFixture model) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CopyCommitted()
    {
        var target = Path.Combine(_dir.Path, Path.GetFileName(model.VersionDir));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(model.VersionDir)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    private static void EditManifest(string dir, Action<JsonNode> edit)
    {
        var file = Path.Combine(dir, ModelRepository.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        edit(json["featurizer"]!);
        File.WriteAllText(file, json.ToJsonString());
    }

    [Fact]
    public void Load_CommittedModel_UsesTheFeaturizerItsManifestNames()
    {
        var record = model.Manifest.Featurizer!;
        Assert.Equal(HashedNgramFeaturizer.Name, record.Name);
        // The committed model reads the text with Kazakh-only letters folded, the concept block and the passage's source
        // kind: featurizer v3; the concept slots after the text's n-gram slots, then a per-kind bias.
        Assert.Equal(3, record.Version);
        Assert.Equal(3, model.Bundle.Featurizer.Version);
        Assert.True(record.Options.FoldKazakh);
        Assert.True(record.Options.ConceptWeight > 0);
        Assert.True(model.Bundle.ReadsSourceKind);
        Assert.Equal(record.Options, model.Bundle.Featurizer.Options);
        var concepts = model.Bundle.Featurizer.Concepts!;
        Assert.True(concepts.FoldsKazakh);
        Assert.Equal(record.Concepts, concepts.Count);
        Assert.Equal(record.WordSlots + record.CharSlots + record.Concepts, model.Bundle.Featurizer.TextDimension);
        Assert.Equal(record.WordSlots + record.CharSlots + record.Concepts + 3, model.Bundle.Featurizer.Dimension);   // news, social, unknown
    }

    [Fact]
    public void Load_ManifestNamesOtherFeaturizerVersion_Refused()
    {
        var dir = CopyCommitted();
        EditManifest(dir, f => f["version"] = HashedNgramFeaturizer.LatestVersion + 1);
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains($"v{HashedNgramFeaturizer.LatestVersion + 1}", ex.Message);
    }

    /// <summary>A manifest claiming v2 (the source-kind featurizer) with the options of v1 is refused, not scored with other features.</summary>
    [Fact]
    public void Load_ManifestClaimsVersion2WithoutKindOptions_Refused()
    {
        var dir = CopyCommitted();
        EditManifest(dir, f =>
        {
            f["version"] = 2;
            foreach (var option in new[] { "source_kind", "concept_weight", "fold_kazakh" }) f["options"]!.AsObject().Remove(option);
        });
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains("v2", ex.Message);
    }

    /// <summary>A v3 model's manifest claiming v2 while its options fold Kazakh letters and read concepts is refused.</summary>
    [Fact]
    public void Load_ManifestClaimsVersion2WithVersion3Options_Refused()
    {
        var dir = CopyCommitted();
        EditManifest(dir, f => f["version"] = 2);
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains("Kazakh letters folded", ex.Message);
    }

    /// <summary>A v2 model's manifest claiming v1 (the text alone) while its options read the kind is refused.</summary>
    [Fact]
    public void Load_ManifestClaimsVersion1WithKindOptions_Refused()
    {
        var dir = CopyCommitted();
        EditManifest(dir, f => f["version"] = 1);
        Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
    }

    /// <summary>A model of the concept block (v3) whose folder has lost its lexicon (concepts.tsv) is refused.</summary>
    [Fact]
    public void Load_ConceptModelWithoutItsLexicon_Refused()
    {
        var dir = CopyCommitted();
        File.Delete(Path.Combine(dir, ModelRepository.ConceptsFile));
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains(ModelRepository.ConceptsFile, ex.Message);
    }

    [Fact]
    public void Load_ManifestWithOtherOptions_Refused()
    {
        var dir = CopyCommitted();
        EditManifest(dir, f => f["options"]!["bits"] = 18);
        Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
    }

    [Fact]
    public void Load_SlotMapReplaced_RefusedBySha256()
    {
        var dir = CopyCommitted();
        File.WriteAllBytes(Path.Combine(dir, ModelRepository.SlotsFile), new SlotMap([1, 2, 3], [4, 5]).ToBytes());
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains("SHA-256", ex.Message);
    }

    [Fact]
    public void Load_ManifestWithoutFeaturizer_RefusedWithRetrainAdvice()
    {
        var dir = CopyCommitted();
        var file = Path.Combine(dir, ModelRepository.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        json.Remove("featurizer");
        File.WriteAllText(file, json.ToJsonString());
        var ex = Assert.Throws<ModelLoadException>(() => ModelRepository.Load(dir));
        Assert.Contains("nlp train", ex.Message);
    }
}
