using System.Globalization;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Tenth round (b) (docs/classifier.md): a one-hidden-layer network for the 11 topics (<see cref="TopicNetwork"/>) over the vector the
/// topic learners read. <see cref="Hidden"/> ReLU units; with <see cref="TaskWeight"/> above 0, two more heads on the same hidden layer
/// (intent, 6-way softmax; sentiment, 3-way softmax) whose losses are weighted by it, to share the hidden layer (only the topic outputs
/// are used); <see cref="Ensemble"/> networks from different seeds, their logits averaged; with <see cref="Blend"/>, each topic's score
/// is the mean of the network's and the linear learner's recalibrated log-odds (or, <see cref="LearntBlend"/>, a logistic regression on both).
/// Training: mini-batches of <see cref="BatchSize"/>, AdaGrad (<see cref="LearningRate"/>, accumulators starting at
/// <see cref="InitialAccumulator"/>) with sparse row updates of the first layer, inverted dropout <see cref="Dropout"/> on the hidden
/// layer, no L2; the number of epochs (at most <see cref="MaxEpochs"/>, stopping after <see cref="Patience"/> epochs without a better
/// hold-out loss) chosen by the topic log-loss on a seeded <see cref="HoldOutShare"/> of the training passages, whose best epoch's
/// weights are kept, or (<see cref="Refit"/>) refitted on every passage for that many epochs.
/// </summary>
public sealed record TopicNetworkOptions(int Hidden = 128, double TaskWeight = 0, bool Blend = false)
{
    public int BatchSize { get; init; } = 32;
    public double Dropout { get; init; } = 0.3;
    public double LearningRate { get; init; } = 0.05;
    public double InitialAccumulator { get; init; } = 1e-6;
    public int MaxEpochs { get; init; } = 12;
    public int Patience { get; init; } = 2;
    public double HoldOutShare { get; init; } = 0.1;

    /// <summary>After the hold-out has chosen the epochs: fit again from the same seed on every passage for that many epochs (else keep that epoch's weights).</summary>
    public bool Refit { get; init; }

    /// <summary>The number of networks, from different seeds, whose topic logits are averaged.</summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>With <see cref="Blend"/>: per topic, a logistic regression on the two recalibrated log-odds (cross-fitted) instead of their mean.</summary>
    public bool LearntBlend { get; init; }

    /// <summary>The control: identity hidden units instead of ReLU (a linear model of rank <see cref="Hidden"/>, trained the same way).</summary>
    public bool Linear { get; init; }

    /// <summary>Whether the network also has the intent and sentiment heads.</summary>
    public bool MultiTask => TaskWeight > 0;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return (Ensemble > 1 ? $"topics by the mean logits of {Ensemble} one-hidden-layer networks from different seeds (each " : "topics by a one-hidden-layer network (") +
            string.Create(c, $"{Hidden} {(Linear ? "identity units: a linear model of that rank, the control" : "ReLU units")}, dropout {Dropout}") +
            ", sigmoid outputs with binary cross-entropy summed over topics" +
            (MultiTask ? string.Create(c, $", intent and sentiment softmax heads weighted {TaskWeight}") : "") +
            string.Create(c, $"; AdaGrad at {LearningRate}, sparse first-layer rows, batches of {BatchSize}, epochs (≤ {MaxEpochs}) by the topic log-loss on a {HoldOutShare:0%} hold-out, ") +
            (Refit ? "then refitted on all passages for that many epochs" : "that epoch's weights kept") +
            ") on the topic learners' vectors, recalibrated out of fold" +
            (Blend && LearntBlend ? "; its log-odds and the linear learners' (each recalibrated out of fold) mixed per topic by a logistic regression (L2 1) fitted out of fold, then recalibrated again" :
             Blend ? "; its log-odds averaged with the linear learners' (each recalibrated out of fold), then recalibrated again" : "");
    }
}
