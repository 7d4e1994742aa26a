namespace NlpPipeline.Classification.Schema;

/// <summary>A training row for a multiclass task (intent or sentiment): text and the wire name of its label.</summary>
internal sealed class LabelledText
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>A training row for one topic's binary model.</summary>
internal sealed class BinaryText
{
    public string Text { get; set; } = "";
    public bool Label { get; set; }
}
