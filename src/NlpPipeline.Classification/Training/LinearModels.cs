using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Makes a binary linear predictor (the <see cref="BinaryPredictionTransformer{TModel}"/> a trainer returns) from weights
/// and a bias computed here: a learner trained on rescaled features with the scale folded into its weights
/// (<see cref="NaiveBayesRatios"/>), or the mean of several learners (the mean of linear models is a linear model). The
/// result is the same kind of object an ML.NET trainer returns, so it is saved, loaded and read by the direct scorer
/// like any other. ML.NET 5 keeps both constructors internal (it builds these objects only inside its trainers); they
/// are called by reflection, and <see cref="Create"/> fails loudly if their signatures ever change.
/// </summary>
public static class LinearModels
{
    private static readonly ConstructorInfo ParametersConstructor = typeof(LinearBinaryModelParameters)
        .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        .SingleOrDefault(c => c.GetParameters() is [{ } env, { } w, { } b, { } _] && env.ParameterType == typeof(IHostEnvironment) &&
                              w.ParameterType == typeof(VBuffer<float>).MakeByRefType() && b.ParameterType == typeof(float))
        ?? throw new MissingMethodException("ML.NET's LinearBinaryModelParameters(IHostEnvironment, in VBuffer<float>, float, ModelStatisticsBase) is gone");

    private static readonly ConstructorInfo TransformerConstructor = typeof(BinaryPredictionTransformer<LinearBinaryModelParameters>)
        .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        .SingleOrDefault(c => c.GetParameters().Select(p => p.ParameterType).SequenceEqual(
            [typeof(IHostEnvironment), typeof(LinearBinaryModelParameters), typeof(DataViewSchema), typeof(string), typeof(float), typeof(string)]))
        ?? throw new MissingMethodException("ML.NET's BinaryPredictionTransformer(IHostEnvironment, TModel, DataViewSchema, string, float, string) is gone");

    /// <summary>
    /// A predictor with score = <paramref name="weights"/> · x + <paramref name="bias"/> over the column
    /// <paramref name="featureColumn"/> of <paramref name="inputSchema"/>; decisions at score ≥ 0, as ML.NET's linear trainers make them.
    /// </summary>
    public static BinaryPredictionTransformer<LinearBinaryModelParameters> Create(MLContext ml, float[] weights, float bias,
        DataViewSchema inputSchema, string featureColumn)
    {
        var column = inputSchema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"the input has no column '{featureColumn}'", nameof(featureColumn));
        if (column.Type is not VectorDataViewType { Size: var size } || size != weights.Length)
            throw new ArgumentException($"column '{featureColumn}' is {column.Type}, not a vector of {weights.Length} floats", nameof(inputSchema));
        var vector = new VBuffer<float>(weights.Length, (float[])weights.Clone());
        var parameters = (LinearBinaryModelParameters)ParametersConstructor.Invoke([ml, vector, bias, null]);
        return (BinaryPredictionTransformer<LinearBinaryModelParameters>)TransformerConstructor.Invoke(
            [ml, parameters, inputSchema, featureColumn, 0f, DefaultColumnNames.Score]);
    }

    /// <summary>
    /// The weights of <paramref name="model"/> times <paramref name="scale"/>, slot by slot, with its bias: the model on unscaled
    /// features. With <paramref name="beta"/> below 1, each weight w is first replaced by (1 − β)·w̄ + β·w, w̄ = ‖w‖₁ / the number
    /// of slots (NBSVM's interpolation towards the Naive-Bayes model r itself); the bias is kept.
    /// </summary>
    public static (float[] Weights, float Bias) Folded(LinearBinaryModelParameters model, IReadOnlyList<float> scale, double beta = 1)
    {
        if (model.Weights.Count != scale.Count) throw new ArgumentException($"{model.Weights.Count} weights, {scale.Count} scales", nameof(scale));
        if (beta is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(beta), "β must be between 0 and 1");
        var weights = new float[scale.Count];
        var mean = 0.0;
        if (beta < 1)
        {
            foreach (var w in model.Weights) mean += Math.Abs(w);
            mean /= Math.Max(1, scale.Count);
        }
        for (var j = 0; j < weights.Length; j++)
            weights[j] = (float)(beta < 1 ? ((1 - beta) * mean + beta * model.Weights[j]) * scale[j] : model.Weights[j] * scale[j]);
        return (weights, model.Bias);
    }

    private static class DefaultColumnNames
    {
        public const string Score = "Score";
    }
}
