using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// Texts as an <c>IDataView</c> of feature vectors, the input of every saved model, for training and scoring alike.
/// The view is lazy: each row is prepared (when asked) and featurized as the cursor reaches it, into one reused row,
/// so a batch never holds more than one passage's features (ML.NET copies a vector out of the row it reads).
/// </summary>
internal static class FeatureView
{
    public static SchemaDefinition Definition(int dimension)
    {
        var definition = SchemaDefinition.Create(typeof(ModelInput));
        definition[ModelColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return definition;
    }

    /// <summary>The schema a saved model is stored with and checked against when loaded.</summary>
    public static DataViewSchema Schema(MLContext ml, int dimension) =>
        ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>(), Definition(dimension)).Schema;

    /// <summary>Prepared texts, each with its source kind (null: unknown), as a view of their feature vectors.</summary>
    public static IDataView Of(MLContext ml, HashedNgramFeaturizer featurizer, IEnumerable<(string Prepared, SourceKind? Kind)> passages) =>
        ml.Data.LoadFromEnumerable(Rows(featurizer, passages), Definition(featurizer.Dimension));

    /// <summary>Ready-made feature vectors as a view (the probes that check the direct scoring path).</summary>
    public static IDataView OfVectors(MLContext ml, int dimension, IEnumerable<VBuffer<float>> vectors) =>
        ml.Data.LoadFromEnumerable(vectors.Select(v => new ModelInput { Features = v }), Definition(dimension));

    private static IEnumerable<ModelInput> Rows(HashedNgramFeaturizer featurizer, IEnumerable<(string Prepared, SourceKind? Kind)> passages)
    {
        var row = new ModelInput();
        foreach (var (text, kind) in passages)
        {
            var features = row.Features;
            featurizer.Featurize(text, kind, ref features);
            row.Features = features;
            yield return row;
        }
    }
}
