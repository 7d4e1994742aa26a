using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Naive-Bayes log-count ratios of one binary label, the feature weighting of NBSVM (Wang and Manning, 2012): with
/// p = α + Σ over positive passages of x̂ and q = α + Σ over negative passages of x̂ (x̂ the feature vector, binarised
/// to 0/1 when <c>binarize</c>), r = ln((p / ‖p‖₁) / (q / ‖q‖₁)). A linear learner then sees r ∘ x instead of x, so
/// the slots that tell the label apart weigh more in every update. Since w · (r ∘ x) = (w ∘ r) · x, the learner's weights
/// times r are an ordinary linear model on x (<see cref="LinearModels"/>): the saved model and its scoring are unchanged.
/// </summary>
public static class NaiveBayesRatios
{
    /// <summary>The ratio of every slot of <paramref name="dimension"/>; a slot never seen gets ln(‖q‖₁ / ‖p‖₁) (both counts α).</summary>
    public static float[] Compute(IReadOnlyList<VBuffer<float>> features, IReadOnlyList<bool> labels, int dimension, double alpha, bool binarize = true)
    {
        if (features.Count != labels.Count) throw new ArgumentException("one label per feature vector", nameof(labels));
        if (alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), "the smoothing count must be positive");
        var p = new double[dimension];
        var q = new double[dimension];
        for (var i = 0; i < features.Count; i++)
        {
            var counts = labels[i] ? p : q;
            var x = features[i];
            var values = x.GetValues();
            if (x.IsDense)
            {
                for (var j = 0; j < values.Length; j++) if (values[j] != 0) counts[j] += binarize ? 1 : Math.Abs(values[j]);
            }
            else
            {
                var indices = x.GetIndices();
                for (var k = 0; k < values.Length; k++) if (values[k] != 0) counts[indices[k]] += binarize ? 1 : Math.Abs(values[k]);
            }
        }
        double sumP = 0, sumQ = 0;
        for (var j = 0; j < dimension; j++) { p[j] += alpha; q[j] += alpha; sumP += p[j]; sumQ += q[j]; }
        var r = new float[dimension];
        for (var j = 0; j < dimension; j++) r[j] = (float)Math.Log(p[j] / sumP / (q[j] / sumQ));
        return r;
    }

    /// <summary>r ∘ x, as a new vector with the same indices (a sparse vector stays sparse).</summary>
    public static VBuffer<float> Scale(in VBuffer<float> x, IReadOnlyList<float> r)
    {
        if (x.Length != r.Count) throw new ArgumentException($"the vector has {x.Length} slots, the ratios {r.Count}", nameof(r));
        var values = x.GetValues();
        var scaled = new float[values.Length];
        if (x.IsDense)
        {
            for (var j = 0; j < values.Length; j++) scaled[j] = values[j] * r[j];
            return new VBuffer<float>(x.Length, scaled);
        }
        var indices = x.GetIndices();
        for (var k = 0; k < values.Length; k++) scaled[k] = values[k] * r[indices[k]];
        return new VBuffer<float>(x.Length, values.Length, scaled, indices.ToArray());
    }
}
