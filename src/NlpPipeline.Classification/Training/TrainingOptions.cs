namespace NlpPipeline.Classification.Training;

/// <summary>Knobs of <c>nlp train</c>. The same corpus, options and seed give the same model.</summary>
public sealed record TrainingOptions(int Seed = 1, double IntentThreshold = 0.4)
{
    public IEnumerable<string> Validate()
    {
        if (IntentThreshold is <= 0 or >= 1) yield return "intent threshold must be between 0 and 1";
    }
}
