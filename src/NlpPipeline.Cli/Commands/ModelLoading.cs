using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Cli.Settings;

namespace NlpPipeline.Cli.Commands;

/// <summary>The --model option (the models setting) and how commands find the model it names.</summary>
internal static class ModelLoading
{
    public static SettingOption CreateOption() =>
        new(SettingCatalog.Models, "--model", "Model: a version folder, or a models folder whose 'current' file names one", "PATH");

    /// <summary>The --models option of train and models: the same setting, named for a folder.</summary>
    public static SettingOption CreateFolderOption(string description) => new(SettingCatalog.Models, "--models", description, "DIR");

    public static (ModelBundle Bundle, ModelManifest Manifest) Load(NlpSettings settings, ILogger log)
    {
        var path = settings.Models;
        var loaded = ModelRepository.Load(path);
        log.LogInformation("Model {Version} from {Path}", loaded.Manifest.Version, ModelRepository.ResolveVersionDirectory(path));
        return loaded;
    }

    /// <summary>
    /// For commands that can do without a model (ingest stores first and scores later): no model at the
    /// default place is a warning; a model that was asked for (option, variable, settings file), or that exists
    /// but is broken, is an error.
    /// </summary>
    /// <param name="withoutModel">What the command does without one, for the warning (default: ingest's, passages stored without predictions).</param>
    public static (ModelBundle Bundle, ModelManifest Manifest)? LoadIfPresent(NlpSettings settings, ILogger log, string? withoutModel = null)
    {
        var path = settings.Models;
        if (settings.ModelsDefaulted && !File.Exists(Path.Combine(path, ModelRepository.CurrentFile)) && !File.Exists(Path.Combine(path, ModelRepository.ManifestFile)))
        {
            if (withoutModel is null)
                log.LogWarning("No model in {Path}: passages are stored without predictions. Train one with 'nlp train', then run 'nlp classify'.", path);
            else
                log.LogWarning("No model in {Path}: {WithoutModel}.", path, withoutModel);
            return null;
        }
        return Load(settings, log);
    }
}
