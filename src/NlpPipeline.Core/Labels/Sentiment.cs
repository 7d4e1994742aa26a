namespace NlpPipeline.Core.Labels;

/// <summary>Stance of a passage toward the situation it describes (LABELS.md).</summary>
public enum Sentiment { Negative, Neutral, Positive }
