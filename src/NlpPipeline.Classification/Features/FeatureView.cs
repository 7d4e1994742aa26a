using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Schema;

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
        definition[ModelColumns.WordHashes].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        definition[ModelColumns.CharHashes].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return definition;
    }

    /// <summary>The schema a saved model is stored with and checked against when loaded.</summary>
    public static DataViewSchema Schema(MLContext ml, int dimension) =>
        ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>(), Definition(dimension)).Schema;

    public static IDataView Of(MLContext ml, HashedNgramFeaturizer featurizer, IEnumerable<string> preparedTexts) =>
        ml.Data.LoadFromEnumerable(Rows(featurizer, preparedTexts), Definition(featurizer.Dimension));

    /// <summary>
    /// Runs a saved model (slot selection and normalisation, then the learners) over <paramref name="input"/>. Each learner
    /// asks the row for its features, and ML.NET getters do not memoise, so the features are computed once per row,
    /// cached for the batch, and the learners run over the cache.
    /// </summary>
    public static IDataView Apply(MLContext ml, ITransformer model, IDataView input)
    {
        if (model is not TransformerChain<ITransformer> chain || chain.Count() < 2) return model.Transform(input);
        var features = chain.First().Transform(input);
        return new TransformerChain<ITransformer>([.. chain.Skip(1)]).Transform(ml.Data.Cache(features, ModelColumns.Features));
    }

    private static IEnumerable<ModelInput> Rows(HashedNgramFeaturizer featurizer, IEnumerable<string> texts)
    {
        var row = new ModelInput();
        foreach (var text in texts)
        {
            var words = row.WordHashes;
            var chars = row.CharHashes;
            featurizer.Featurize(text, ref words, ref chars);
            row.WordHashes = words;
            row.CharHashes = chars;
            yield return row;
        }
    }
}
