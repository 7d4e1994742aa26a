using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Schema;

/// <summary>
/// What the saved model writes: class probabilities for intent and sentiment (slot order recorded in
/// the manifest) and one calibrated probability per topic (topic order recorded in the manifest).
/// </summary>
public sealed class ModelOutput
{
    [ColumnName(ModelColumns.IntentScores)] public float[] IntentScores { get; set; } = [];
    [ColumnName(ModelColumns.SentimentScores)] public float[] SentimentScores { get; set; } = [];
    [ColumnName(ModelColumns.TopicProbs)] public float[] TopicProbs { get; set; } = [];
}
