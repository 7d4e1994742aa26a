using System.CommandLine;
using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;

namespace NlpPipeline.Cli.Commands;

/// <summary>The --model option and how commands find the model it names.</summary>
internal static class ModelLoading
{
    public static Option<string?> CreateOption() => new("--model")
    {
        Description = $"Model: a version folder, or a models folder whose 'current' file names one (default: ${NlpPaths.ModelsVariable} or {NlpPaths.DefaultModels}/)",
        HelpName = "PATH",
    };

    public static (ModelBundle Bundle, ModelManifest Manifest) Load(string? option, ILogger log)
    {
        var path = NlpPaths.Models(option);
        var loaded = ModelRepository.Load(path);
        log.LogInformation("Model {Version} from {Path}", loaded.Manifest.Version, ModelRepository.ResolveVersionDirectory(path));
        return loaded;
    }

    /// <summary>
    /// For commands that can do without a model (ingest stores first and scores later): no model at the
    /// default place is a warning; a model that was asked for, or that exists but is broken, is an error.
    /// </summary>
    public static (ModelBundle Bundle, ModelManifest Manifest)? LoadIfPresent(string? option, ILogger log)
    {
        var path = NlpPaths.Models(option);
        var defaulted = option is null && Environment.GetEnvironmentVariable(NlpPaths.ModelsVariable) is null;
        if (defaulted && !File.Exists(Path.Combine(path, ModelRepository.CurrentFile)) && !File.Exists(Path.Combine(path, ModelRepository.ManifestFile)))
        {
            log.LogWarning("No model in {Path}: passages are stored without predictions. Train one with 'nlp train', then run 'nlp classify'.", path);
            return null;
        }
        return Load(option, log);
    }
}
