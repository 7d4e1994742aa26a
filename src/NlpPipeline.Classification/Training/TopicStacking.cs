namespace NlpPipeline.Classification.Training;

/// <summary>
/// The second stage of stacked topic models: for each topic, a logistic regression on the log-odds of the first stage's
/// calibrated probabilities of all topics, z_t = Σ_s A[t][s]·logit(p_s) + c_t, so a topic can borrow from the topics it
/// goes with or against. It is fitted on out-of-fold probabilities (<see cref="CrossValidator"/>). Because every
/// first-stage log-odds is affine in the features (a linear learner under a Platt sigmoid), z_t is affine in them too:
/// the stacked model is again one linear predictor per topic (<see cref="Fold"/>), so the saved model, the direct scorer
/// and the cost of classifying a passage are unchanged.
/// </summary>
public static class TopicStacking
{
    /// <summary>
    /// Fits the coefficients of one logistic regression by Newton's method: minimises −Σ log-likelihood + ½·<paramref name="l2"/>·‖a‖²
    /// (the intercept not penalised). Returns the coefficients, then the intercept.
    /// </summary>
    public static double[] Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<bool> labels, double l2, int maxSteps = 50)
    {
        if (inputs.Count != labels.Count) throw new ArgumentException("one label per input", nameof(labels));
        if (inputs.Count == 0) throw new ArgumentException("no inputs", nameof(inputs));
        if (l2 < 0) throw new ArgumentOutOfRangeException(nameof(l2), "the L2 penalty must not be negative");
        var m = inputs[0].Length + 1;
        var beta = new double[m];
        var row = new double[m];
        for (var step = 0; step < maxSteps; step++)
        {
            var gradient = new double[m];
            var hessian = new double[m, m];
            for (var i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Length != m - 1) throw new ArgumentException("inputs of unequal length", nameof(inputs));
                inputs[i].CopyTo(row, 0);
                row[m - 1] = 1;
                var z = 0.0;
                for (var j = 0; j < m; j++) z += beta[j] * row[j];
                var p = 1 / (1 + Math.Exp(-z));
                var residual = p - (labels[i] ? 1 : 0);
                var weight = Math.Max(p * (1 - p), 1e-12);
                for (var j = 0; j < m; j++)
                {
                    gradient[j] += residual * row[j];
                    for (var k = 0; k <= j; k++) hessian[j, k] += weight * row[j] * row[k];
                }
            }
            for (var j = 0; j < m - 1; j++) { gradient[j] += l2 * beta[j]; hessian[j, j] += l2; }
            hessian[m - 1, m - 1] += 1e-9;
            for (var j = 0; j < m; j++) for (var k = j + 1; k < m; k++) hessian[j, k] = hessian[k, j];
            var delta = Solve(hessian, gradient);
            var largest = 0.0;
            for (var j = 0; j < m; j++) { beta[j] -= delta[j]; largest = Math.Max(largest, Math.Abs(delta[j])); }
            if (largest < 1e-10) break;
        }
        return beta;
    }

    /// <summary>σ(Σ_s a[s]·x[s] + c) for the coefficients <paramref name="beta"/> (<see cref="Fit"/>'s layout).</summary>
    public static double Probability(double[] beta, double[] x)
    {
        var z = beta[^1];
        for (var s = 0; s < x.Length; s++) z += beta[s] * x[s];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The stacked predictor of one topic as one linear model on the features: with first-stage learners sᵢ(x) = wᵢ·x + bᵢ
    /// under Platt sigmoids pᵢ = 1 / (1 + exp(Pᵢ·sᵢ + Qᵢ)), logit(pᵢ) = −(Pᵢ·sᵢ + Qᵢ), so z = Σᵢ aᵢ·logit(pᵢ) + c has the weights
    /// Σᵢ −aᵢPᵢ·wᵢ and the bias Σᵢ −aᵢ(Pᵢbᵢ + Qᵢ) + c; its probability is σ(z), the Platt sigmoid with slope −1 and offset 0.
    /// </summary>
    public static (float[] Weights, float Bias) Fold(double[] beta, IReadOnlyList<(IReadOnlyList<float> Weights, float Bias)> learners,
        IReadOnlyList<PlattParameters> sigmoids)
    {
        if (beta.Length != learners.Count + 1 || sigmoids.Count != learners.Count)
            throw new ArgumentException($"{beta.Length} coefficients, {learners.Count} learners, {sigmoids.Count} sigmoids");
        var dimension = learners[0].Weights.Count;
        var weights = new double[dimension];
        var bias = beta[^1];
        for (var s = 0; s < learners.Count; s++)
        {
            var (w, b) = learners[s];
            if (w.Count != dimension) throw new ArgumentException("learners of unequal dimension", nameof(learners));
            var factor = -beta[s] * sigmoids[s].Slope;
            if (factor == 0) continue;
            for (var j = 0; j < dimension; j++) weights[j] += factor * w[j];
            bias += -beta[s] * (sigmoids[s].Slope * b + sigmoids[s].Offset);
        }
        return (weights.Select(v => (float)v).ToArray(), (float)bias);
    }

    /// <summary>The log-odds −(P·s + Q) of a Platt sigmoid at the raw score <paramref name="score"/>.</summary>
    public static double Logit(PlattParameters sigmoid, double score) => -(sigmoid.Slope * score + sigmoid.Offset);

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-300) throw new InvalidOperationException("singular system");
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                if (f == 0) continue;
                for (var c = col; c < n; c++) m[r, c] -= f * m[col, c];
                x[r] -= f * x[col];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = x[r];
            for (var c = r + 1; c < n; c++) sum -= m[r, c] * x[c];
            x[r] = sum / m[r, r];
        }
        return x;
    }
}
