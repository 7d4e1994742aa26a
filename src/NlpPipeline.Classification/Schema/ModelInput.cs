using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Schema;

/// <summary>
/// What the saved model reads: a passage's hashed word and character n-grams as <c>HashedNgramFeaturizer</c> computes
/// them from the prepared text (<c>ClassifierText.Prepare</c>); the vectors' length is fixed by a <c>SchemaDefinition</c>
/// (<see cref="Features.FeatureView.Definition"/>), as the featurizer's options set it.
/// </summary>
public sealed class ModelInput
{
    [ColumnName(ModelColumns.WordHashes)] public VBuffer<float> WordHashes { get; set; }
    [ColumnName(ModelColumns.CharHashes)] public VBuffer<float> CharHashes { get; set; }
}
