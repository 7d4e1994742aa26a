using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Schema;

/// <summary>
/// What the saved model reads: a passage's features as <c>HashedNgramFeaturizer</c> computes them from the prepared
/// text (<c>ClassifierText.Prepare</c>); the vector's length is fixed by a <c>SchemaDefinition</c>
/// (<see cref="Features.FeatureView.Definition"/>), as the featurizer's slot map sets it.
/// </summary>
public sealed class ModelInput
{
    [ColumnName(ModelColumns.Features)] public VBuffer<float> Features { get; set; }
}
