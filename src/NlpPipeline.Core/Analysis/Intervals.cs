namespace NlpPipeline.Core.Analysis;

/// <summary>
/// 95 % intervals computed from counts and sums alone, so they come straight from the weekly aggregates:
/// a Student-t interval for a mean, Wilson for a proportion, Welch for a difference of means and Newcombe's
/// hybrid score interval (method 10) for a difference of proportions. All treat passages as independent
/// draws, which they are not quite (passages of one document, weeks of one news cycle), so the intervals
/// are on the narrow side; docs/analysis.md says so.
/// </summary>
public static class Intervals
{
    public const double Level = 0.95;

    /// <summary>Mean of n values from their sum and sum of squares, with a t interval (none for n = 1).</summary>
    public static Estimate? Mean(long n, double sum, double squares)
    {
        if (n == 0) return null;
        var mean = sum / n;
        if (n == 1) return new Estimate(mean, null, null, 1);
        var half = StudentT(n - 1) * Math.Sqrt(Variance(n, sum, squares) / n);
        return new Estimate(mean, mean - half, mean + half, n);
    }

    /// <summary>Sample variance (n − 1 in the denominator), never negative through rounding.</summary>
    public static double Variance(long n, double sum, double squares) =>
        n < 2 ? 0 : Math.Max(0, (squares - sum * sum / n) / (n - 1));

    /// <summary>Wilson score interval of a proportion k / n (null when n = 0).</summary>
    public static (double Low, double High)? Wilson(long k, long n)
    {
        if (n == 0) return null;
        var z = Z;
        var p = k / (double)n;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2.0 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Difference of proportions k2/n2 − k1/n1 with Newcombe's hybrid score interval, which keeps its
    /// coverage for small counts and for shares near 0 (as emigration shares are); null if either n is 0.
    /// </summary>
    public static Estimate? ProportionDifference(long k1, long n1, long k2, long n2)
    {
        if (Wilson(k1, n1) is not { } w1 || Wilson(k2, n2) is not { } w2) return null;
        double p1 = k1 / (double)n1, p2 = k2 / (double)n2, d = p2 - p1;
        var low = d - Math.Sqrt(Square(p2 - w2.Low) + Square(w1.High - p1));
        var high = d + Math.Sqrt(Square(w2.High - p2) + Square(p1 - w1.Low));
        return new Estimate(d, low, high, n1 + n2);
    }

    /// <summary>Difference of means (second − first) with Welch's interval; no interval unless each side has 2 values.</summary>
    public static Estimate? MeanDifference(long n1, double sum1, double squares1, long n2, double sum2, double squares2)
    {
        if (n1 == 0 || n2 == 0) return null;
        var d = sum2 / n2 - sum1 / n1;
        if (n1 < 2 || n2 < 2) return new Estimate(d, null, null, n1 + n2);
        double a = Variance(n1, sum1, squares1) / n1, b = Variance(n2, sum2, squares2) / n2;
        if (a + b == 0) return new Estimate(d, d, d, n1 + n2);
        var df = Square(a + b) / (Square(a) / (n1 - 1) + Square(b) / (n2 - 1));
        var half = StudentT(df) * Math.Sqrt(a + b);
        return new Estimate(d, d - half, d + half, n1 + n2);
    }

    /// <summary>The two-sided 95 % normal quantile.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>
    /// The 97.5th percentile of Student's t with <paramref name="df"/> degrees of freedom: from 30 on by the Cornish–Fisher
    /// expansion around the normal quantile (error under 1e-7 there), below by bisection on the t distribution function.
    /// </summary>
    public static double StudentT(double df)
    {
        if (df <= 0) throw new ArgumentOutOfRangeException(nameof(df), df, "degrees of freedom must be positive");
        if (df >= 30) return CornishFisher(df);
        const double tail = (1 - Level) / 2;
        double low = 0, high = 1000;
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            if (UpperTail(mid, df) > tail) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    private static double CornishFisher(double v)
    {
        const double z = Z;
        double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                 + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
                 + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
    }

    /// <summary>P(T &gt; t) for t ≥ 0: half the regularised incomplete beta I_{df/(df+t²)}(df/2, 1/2).</summary>
    private static double UpperTail(double t, double df) => 0.5 * IncompleteBeta(df / 2, 0.5, df / (df + t * t));

    private static double IncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        if (x > (a + 1) / (a + b + 2)) return 1 - IncompleteBeta(b, a, 1 - x);
        var front = Math.Exp(Math.Log(x) * a + Math.Log(1 - x) * b - (LogGamma(a) + LogGamma(b) - LogGamma(a + b))) / a;
        // Lentz's method on the continued fraction of the incomplete beta function.
        const double tiny = 1e-300;
        double f = 1, c = 1, d = 0;
        for (var i = 0; i <= 500; i++)
        {
            var m = i / 2;
            double numerator = i == 0 ? 1
                : i % 2 == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + numerator / c;
            if (Math.Abs(c) < tiny) c = tiny;
            f *= c * d;
            if (Math.Abs(1 - c * d) < 1e-14) return front * (f - 1);
        }
        return front * (f - 1);
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, nine terms; about 15 significant digits).</summary>
    private static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static double Square(double v) => v * v;
}
