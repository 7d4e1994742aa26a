using Microsoft.ML;

namespace NlpPipeline.Classification.Training;

/// <summary>A freshly trained model and its manifest, not yet on disk.</summary>
public sealed record TrainedModel(MLContext Context, ITransformer Transformer, DataViewSchema InputSchema, Features.HashedNgramFeaturizer Featurizer, ModelManifest Manifest);
