using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// An L2-regularised linear SVM with the squared hinge loss, trained by dual coordinate descent (Hsieh, Chang, Lin,
/// Keerthi and Sundararajan, 2008; the solver NBSVM uses): it minimises ½‖w‖² + ½b² + C Σᵢ max(0, 1 − yᵢ(w·xᵢ + b))²
/// (the bias is a weight on a constant feature of value 1, regularised like the others). Each step solves the dual
/// exactly in one coordinate αᵢ ≥ 0 and keeps w = Σᵢ αᵢyᵢxᵢ up to date, so a pass costs one read of every passage's
/// non-zero features. Passes go in a seeded random order until the projected gradient's spread is below
/// <c>tolerance</c> or <c>maxPasses</c> are done; the same data, settings and seed give the same weights.
/// Unlike the averaged perceptron, the objective is regularised and has one optimum, so the result does not depend
/// much on the order of the passages.
/// </summary>
public static class DualCoordinateSvm
{
    /// <summary>The weights (one per slot of <paramref name="dimension"/>) and the bias; decisions at w·x + b ≥ 0.</summary>
    public static (float[] Weights, float Bias, int Passes) Train(IReadOnlyList<VBuffer<float>> features, IReadOnlyList<bool> labels, int dimension,
        double cost, int maxPasses, int seed, double tolerance = 0.1)
    {
        if (features.Count != labels.Count) throw new ArgumentException("one label per feature vector", nameof(labels));
        if (cost <= 0) throw new ArgumentOutOfRangeException(nameof(cost), "the cost C must be positive");
        if (maxPasses < 1) throw new ArgumentOutOfRangeException(nameof(maxPasses), "at least one pass");
        var n = features.Count;
        var w = new double[dimension];
        var bias = 0.0;
        var alpha = new double[n];
        var diagonal = 0.5 / cost;   // the squared hinge's dual adds αᵢ²/(4C) per passage: D = 1/(2C) on the diagonal
        var qii = new double[n];
        var indices = new int[n][];
        var values = new float[n][];
        for (var i = 0; i < n; i++)
        {
            (indices[i], values[i]) = Sparse(features[i], dimension);
            var norm = 1.0;   // the constant bias feature
            foreach (var v in values[i]) norm += (double)v * v;
            qii[i] = norm + diagonal;
        }
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var passes = 0;
        while (passes < maxPasses)
        {
            passes++;
            random.Shuffle(order);
            double maxPg = double.NegativeInfinity, minPg = double.PositiveInfinity;
            foreach (var i in order)
            {
                var y = labels[i] ? 1.0 : -1.0;
                var idx = indices[i];
                var val = values[i];
                var dot = bias;
                for (var k = 0; k < idx.Length; k++) dot += w[idx[k]] * val[k];
                var g = y * dot - 1 + diagonal * alpha[i];
                var pg = alpha[i] == 0 ? Math.Min(g, 0) : g;
                maxPg = Math.Max(maxPg, pg);
                minPg = Math.Min(minPg, pg);
                if (Math.Abs(pg) < 1e-12) continue;
                var old = alpha[i];
                alpha[i] = Math.Max(old - g / qii[i], 0);
                var step = (alpha[i] - old) * y;
                for (var k = 0; k < idx.Length; k++) w[idx[k]] += step * val[k];
                bias += step;
            }
            if (maxPg - minPg < tolerance) break;
        }
        var weights = new float[dimension];
        for (var j = 0; j < dimension; j++) weights[j] = (float)w[j];
        return (weights, (float)bias, passes);
    }

    private static (int[] Indices, float[] Values) Sparse(in VBuffer<float> x, int dimension)
    {
        if (x.Length != dimension) throw new ArgumentException($"a vector has {x.Length} slots, expected {dimension}", nameof(x));
        var values = x.GetValues();
        if (x.IsDense)
        {
            var nonZero = new List<int>();
            var kept = new List<float>();
            for (var j = 0; j < values.Length; j++) if (values[j] != 0) { nonZero.Add(j); kept.Add(values[j]); }
            return ([.. nonZero], [.. kept]);
        }
        return (x.GetIndices().ToArray(), values.ToArray());
    }
}
