using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>How often each label occurs in the training part; the majority-class baseline of <c>nlp evaluate</c> reads it.</summary>
public sealed record TrainingLabelCounts(
    IReadOnlyDictionary<string, int> Intent,
    IReadOnlyDictionary<string, int> Sentiment,
    IReadOnlyDictionary<string, int> Topics,
    int Passages)
{
    public static TrainingLabelCounts From(IReadOnlyCollection<AnnotatedPassage> training) => new(
        LabelNames.Intents.All.ToDictionary(l => l.ToWire(), l => training.Count(p => p.Intent == l)),
        LabelNames.Sentiments.All.ToDictionary(l => l.ToWire(), l => training.Count(p => p.Sentiment == l)),
        LabelNames.Topics.All.ToDictionary(l => l.ToWire(), l => training.Count(p => p.Topics.Contains(l))),
        training.Count);
}
