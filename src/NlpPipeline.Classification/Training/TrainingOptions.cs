namespace NlpPipeline.Classification.Training;

/// <summary>Knobs of <c>nlp train</c>. The same corpus, options and seed give the same model.</summary>
public sealed record TrainingOptions(int Seed = 1, double IntentThreshold = 0.4, int Folds = 5, int Parallelism = 2, string Config = "chosen")
{
    public IEnumerable<string> Validate()
    {
        if (IntentThreshold is <= 0 or >= 1) yield return "intent threshold must be between 0 and 1";
        if (Folds is < 2 or > 20) yield return "folds must be between 2 and 20";
        if (Parallelism < 1) yield return "parallelism must be at least 1";
        if (ClassifierConfig.Find(Config) is null)
            yield return $"unknown configuration '{Config}' (known: {string.Join(", ", ClassifierConfig.All.Select(c => c.Name))})";
    }
}
