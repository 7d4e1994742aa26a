using System.Text.Json;
using Microsoft.ML;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Classification.Training;

namespace NlpPipeline.Classification;

/// <summary>
/// The models folder: <c>&lt;root&gt;/&lt;version&gt;/model.zip</c> + <c>manifest.json</c> + <c>card.md</c>,
/// and <c>&lt;root&gt;/current</c> naming the version in use. A version folder is written under a temporary
/// name and renamed, and <c>current</c> is replaced atomically, so a reader never sees half a model.
/// </summary>
public static class ModelRepository
{
    public const string ModelFile = "model.zip";
    public const string ManifestFile = "manifest.json";
    public const string CardFile = "card.md";
    public const string SlotsFile = "features.bin";
    public const string ConceptsFile = "concepts.tsv";
    public const string CurrentFile = "current";

    /// <summary>
    /// Resolves <paramref name="path"/> to a version folder: the folder itself when it holds a manifest,
    /// else the version its <c>current</c> file names.
    /// </summary>
    public static string ResolveVersionDirectory(string path)
    {
        if (File.Exists(path) && Path.GetFileName(path) == ModelFile) path = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(path)) throw new ModelLoadException($"Model folder not found: {path}");
        if (File.Exists(Path.Combine(path, ManifestFile))) return path;
        var current = Path.Combine(path, CurrentFile);
        if (!File.Exists(current))
            throw new ModelLoadException($"{path} holds no model: neither {ManifestFile} nor a '{CurrentFile}' file naming a version. Train one with 'nlp train'.");
        var version = File.ReadAllText(current).Trim();
        var dir = Path.Combine(path, version);
        if (version.Length == 0 || !File.Exists(Path.Combine(dir, ManifestFile)))
            throw new ModelLoadException($"{current} names version '{version}', but {dir} has no {ManifestFile}.");
        return dir;
    }

    public static (ModelBundle Bundle, ModelManifest Manifest) Load(string path)
    {
        var dir = ResolveVersionDirectory(path);
        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(Path.Combine(dir, ManifestFile)), ModelManifest.Json)
                       ?? throw new ModelLoadException($"{dir}/{ManifestFile} is empty.");
        }
        catch (JsonException ex) { throw new ModelLoadException($"{dir}/{ManifestFile} is not a valid manifest: {ex.Message}", ex); }
        if (manifest.Format > ModelManifest.CurrentFormat)
            throw new ModelLoadException($"{dir} was written by a newer nlp (manifest format {manifest.Format}).");
        var featurizer = Featurizer(dir, manifest);
        var ml = new MLContext(manifest.Seed);
        ITransformer model;
        var zip = Path.Combine(dir, ModelFile);
        try
        {
            model = ml.Model.Load(zip, out var input);
            var features = input.GetColumnOrNull(Schema.ModelColumns.Features);
            if (features?.Type is not Microsoft.ML.Data.VectorDataViewType { Size: var size } || size != featurizer.Dimension)
                throw new ModelLoadException($"{zip} does not read the {featurizer.Dimension}-slot feature vector that {dir}/{SlotsFile} gives ({features?.Type.ToString() ?? "no Features column"}).");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Cannot read model {zip}: {ex.Message}", ex);
        }
        try
        {
            var bundle = new ModelBundle(ml, model, featurizer, manifest.IntentLabels, manifest.SentimentLabels, manifest.TopicLabels, manifest.TopicThresholds);
            return (bundle, manifest);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new ModelLoadException($"{dir}/{ManifestFile} does not match this build's labels: {ex.Message}", ex);
        }
    }

    /// <summary>The featurizer <paramref name="manifest"/> names, refused unless this build computes exactly the same features.</summary>
    private static HashedNgramFeaturizer Featurizer(string dir, ModelManifest manifest)
    {
        var record = manifest.Featurizer
            ?? throw new ModelLoadException($"{dir} was trained with ML.NET's text featurizer inside model.zip (manifest format {manifest.Format}); this nlp computes features itself ({HashedNgramFeaturizer.Name} v1–v{HashedNgramFeaturizer.LatestVersion}). Train a new model with 'nlp train'.");
        if (record.Name != HashedNgramFeaturizer.Name || record.Version is < 1 or > HashedNgramFeaturizer.LatestVersion)
            throw new ModelLoadException($"{dir} was trained with featurizer {record.Name} v{record.Version}; this nlp has {HashedNgramFeaturizer.Name} v1–v{HashedNgramFeaturizer.LatestVersion}, whose features differ. Train a new model with 'nlp train'.");
        if (record.Version != HashedNgramFeaturizer.VersionOf(record.Options))
            throw new ModelLoadException($"{dir}/{ManifestFile} names featurizer v{record.Version}, but its options (source-kind features '{record.Options.SourceKind}', concept weight {record.Options.ConceptWeight}, Kazakh letters {(record.Options.FoldKazakh ? "folded" : "kept")}) are those of v{HashedNgramFeaturizer.VersionOf(record.Options)}.");
        var problems = record.Options.Validate().ToList();
        if (problems.Count > 0) throw new ModelLoadException($"{dir}/{ManifestFile} has invalid featurizer options: {string.Join("; ", problems)}");
        var file = Path.Combine(dir, SlotsFile);
        SlotMap slots;
        try
        {
            var bytes = File.ReadAllBytes(file);
            if (SlotMap.Sha256(bytes) != record.SlotsSha256)
                throw new ModelLoadException($"{file} is not the slot map {dir}/{ManifestFile} names (SHA-256 differs).");
            slots = SlotMap.FromBytes(bytes);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Cannot read the featurizer's slot map {file}: {ex.Message}", ex);
        }
        if (slots.Words.Count != record.WordSlots || slots.Chars.Count != record.CharSlots || slots.KindWords.Count != record.KindWordSlots
            || slots.Words.Concat(slots.Chars).Concat(slots.KindWords).Any(i => i >= record.Options.Dimension)
            || (slots.KindWords.Count > 0 && record.Options.SourceKind != SourceKindFeatures.BiasAndWords))
            throw new ModelLoadException($"{file} does not fit the featurizer options in {dir}/{ManifestFile}.");
        return new HashedNgramFeaturizer(record.Options, slots, record.Options.ConceptWeight > 0 ? Concepts(dir, record) : null);
    }

    /// <summary>The concept lexicon saved with a version 3 model, refused unless it is the file its manifest names.</summary>
    private static ConceptLexicon Concepts(string dir, FeaturizerRecord record)
    {
        var file = Path.Combine(dir, ConceptsFile);
        try
        {
            var bytes = File.ReadAllBytes(file);
            if (record.ConceptsSha256 is null || SlotMap.Sha256(bytes) != record.ConceptsSha256)
                throw new ModelLoadException($"{file} is not the concept lexicon {dir}/{ManifestFile} names (SHA-256 differs).");
            var lexicon = ConceptLexicon.Parse(bytes);
            if (lexicon.Count != record.Concepts)
                throw new ModelLoadException($"{file} has {lexicon.Count} concepts, {dir}/{ManifestFile} says {record.Concepts}.");
            return lexicon;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Cannot read the featurizer's concept lexicon {file}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the version folder and, when <paramref name="makeCurrent"/>, points <c>current</c> at it.</summary>
    public static string Save(TrainedModel model, string root, bool makeCurrent)
    {
        Directory.CreateDirectory(root);
        var final = Path.Combine(root, model.Manifest.Version);
        var temp = Path.Combine(root, $".{model.Manifest.Version}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            model.Context.Model.Save(model.Transformer, model.InputSchema, Path.Combine(temp, ModelFile));
            File.WriteAllBytes(Path.Combine(temp, SlotsFile), model.Featurizer.Slots.ToBytes());
            if (model.Featurizer.Concepts is { } concepts) File.WriteAllBytes(Path.Combine(temp, ConceptsFile), concepts.Bytes);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(model.Manifest, ModelManifest.Json) + "\n");
            File.WriteAllText(Path.Combine(temp, CardFile), ModelCard.Render(model.Manifest));
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        if (makeCurrent) SetCurrent(root, model.Manifest.Version);
        return final;
    }

    /// <summary>Points <c>current</c> at <paramref name="version"/>, replacing the file atomically.</summary>
    public static void SetCurrent(string root, string version)
    {
        if (!File.Exists(Path.Combine(root, version, ManifestFile))) throw new ModelLoadException($"{root} has no model version '{version}'.");
        var pointerTemp = Path.Combine(root, $".{CurrentFile}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(pointerTemp, version + "\n");
        File.Move(pointerTemp, Path.Combine(root, CurrentFile), overwrite: true);
    }

    /// <summary>The version <c>current</c> names, or null when there is no such file.</summary>
    public static string? CurrentVersion(string root)
    {
        var file = Path.Combine(root, CurrentFile);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    /// <summary>Every version folder of <paramref name="root"/> with its manifest, oldest first (folders without a readable manifest are skipped).</summary>
    public static IReadOnlyList<ModelManifest> Versions(string root)
    {
        if (!Directory.Exists(root)) throw new ModelLoadException($"Models folder not found: {root}");
        var list = new List<ModelManifest>();
        foreach (var dir in Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            var file = Path.Combine(dir, ManifestFile);
            if (!File.Exists(file)) continue;
            try
            {
                if (JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(file), ModelManifest.Json) is { } m) list.Add(m);
            }
            catch (JsonException) { }
        }
        return list.OrderBy(m => m.CreatedAt).ThenBy(m => m.Version, StringComparer.Ordinal).ToList();
    }

    public const string PromotionsFile = "promotions.jsonl";

    /// <summary>Makes <paramref name="version"/> current and appends the decision to <c>promotions.jsonl</c> (who replaced whom, when, on what evidence).</summary>
    public static void Promote(string root, ModelPromotion promotion)
    {
        SetCurrent(root, promotion.Version);
        File.AppendAllText(Path.Combine(root, PromotionsFile), JsonSerializer.Serialize(promotion, Compact) + "\n");
    }

    /// <summary>Every promotion recorded in <c>promotions.jsonl</c>, oldest first.</summary>
    public static IReadOnlyList<ModelPromotion> Promotions(string root)
    {
        var file = Path.Combine(root, PromotionsFile);
        if (!File.Exists(file)) return [];
        return File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<ModelPromotion>(l, Compact)!).ToList();
    }

    private static readonly JsonSerializerOptions Compact = new(ModelManifest.Json) { WriteIndented = false };
}

/// <summary>One line of <c>models/promotions.jsonl</c>.</summary>
public sealed record ModelPromotion(string Version, string? Previous, DateTimeOffset PromotedAt, string Verdict, bool Forced, double Tolerance, int TestPassages);
