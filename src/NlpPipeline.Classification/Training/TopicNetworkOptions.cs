using System.Globalization;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Tenth round (docs/classifier.md): a one-hidden-layer network for the 11 topics (<see cref="TopicNetwork"/>) over the vector the
/// topic learners read. <see cref="Hidden"/> ReLU units; with <see cref="TaskWeight"/> above 0, two more heads on the same hidden layer
/// (intent, 6-way softmax; sentiment, 3-way softmax) whose losses are weighted by it, to share the hidden layer (only the topic outputs
/// are used); with <see cref="Blend"/>, each topic's score is the mean of the network's and the linear learner's recalibrated log-odds.
/// Training: mini-batches of <see cref="BatchSize"/>, AdaGrad (<see cref="LearningRate"/>, accumulators starting at
/// <see cref="InitialAccumulator"/>) with sparse row updates of the first layer, inverted dropout <see cref="Dropout"/> on the hidden
/// layer, no L2; the number of epochs (at most <see cref="MaxEpochs"/>, stopping after <see cref="Patience"/> epochs without a better
/// hold-out loss) chosen by the topic log-loss on a seeded <see cref="HoldOutShare"/> of the training passages, whose best epoch's
/// weights are kept (no refit on all).
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

    /// <summary>Whether the network also has the intent and sentiment heads.</summary>
    public bool MultiTask => TaskWeight > 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"topics by a one-hidden-layer network ({Hidden} ReLU units, dropout {Dropout}, sigmoid outputs with binary cross-entropy summed over topics") +
        (MultiTask ? string.Create(CultureInfo.InvariantCulture, $", intent and sentiment softmax heads weighted {TaskWeight}") : "") +
        string.Create(CultureInfo.InvariantCulture,
            $"; AdaGrad at {LearningRate}, sparse first-layer rows, batches of {BatchSize}, epochs (≤ {MaxEpochs}) by the topic log-loss on a {HoldOutShare:0%} hold-out, that epoch's weights kept) ") +
        "on the topic learners' vectors, recalibrated out of fold" + (Blend ? ", its log-odds averaged with the linear learners' (each recalibrated out of fold), then recalibrated again" : "");
}
