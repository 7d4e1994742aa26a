namespace NlpPipeline.Classification.Schema;

/// <summary>What the saved model reads: the passage text, already in <c>ClassifierText.Prepare</c> form.</summary>
public sealed class ModelInput
{
    public string Text { get; set; } = "";
}
