using System.Text.Json;
using Microsoft.ML;
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
        var ml = new MLContext(manifest.Seed);
        ITransformer model;
        var zip = Path.Combine(dir, ModelFile);
        try
        {
            model = ml.Model.Load(zip, out _);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Cannot read model {zip}: {ex.Message}", ex);
        }
        try
        {
            var bundle = new ModelBundle(ml, model, manifest.IntentLabels, manifest.SentimentLabels, manifest.TopicLabels, manifest.TopicThresholds);
            return (bundle, manifest);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new ModelLoadException($"{dir}/{ManifestFile} does not match this build's labels: {ex.Message}", ex);
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
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(model.Manifest, ModelManifest.Json) + "\n");
            File.WriteAllText(Path.Combine(temp, CardFile), ModelCard.Render(model.Manifest));
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        if (makeCurrent)
        {
            var pointerTemp = Path.Combine(root, $".{CurrentFile}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(pointerTemp, model.Manifest.Version + "\n");
            File.Move(pointerTemp, Path.Combine(root, CurrentFile), overwrite: true);
        }
        return final;
    }
}
