namespace NlpPipeline.Core.Annotation;

/// <summary>
/// Chance-corrected agreement between annotators on nominal labels.
/// <para>
/// Cohen's kappa (two annotators, the items both labelled): κ = (p_o − p_e) / (1 − p_e), where p_o is the
/// share of items with the same label and p_e = Σ_c p_A(c) · p_B(c) from each annotator's own label shares.
/// </para>
/// <para>
/// Krippendorff's alpha, nominal metric (any number of annotators, missing labels allowed): units with fewer
/// than two labels are left out; each remaining unit u with m_u labels adds 1/(m_u − 1) to the coincidence
/// o(c,k) of every ordered pair of its labels from different annotators; with n_c = Σ_k o(c,k) and n = Σ_c n_c,
/// α = 1 − (n − 1) · Σ_{c≠k} o(c,k) / Σ_{c≠k} n_c · n_k (Krippendorff, "Computing Krippendorff's
/// Alpha-Reliability", 2011).
/// </para>
/// Both are undefined (null) when chance agreement is total, e.g. every label is the same.
/// </summary>
public static class Agreement
{
    public static double? CohenKappa<T>(IReadOnlyList<(T A, T B)> pairs) where T : notnull
    {
        if (pairs.Count == 0) return null;
        var n = (double)pairs.Count;
        var observed = pairs.Count(p => EqualityComparer<T>.Default.Equals(p.A, p.B)) / n;
        var a = pairs.GroupBy(p => p.A).ToDictionary(g => g.Key, g => g.Count() / n);
        var b = pairs.GroupBy(p => p.B).ToDictionary(g => g.Key, g => g.Count() / n);
        var expected = a.Sum(kv => kv.Value * b.GetValueOrDefault(kv.Key));
        if (expected >= 1 - 1e-12) return null;
        return (observed - expected) / (1 - expected);
    }

    /// <summary>Each unit is the labels it received (one per annotator who labelled it).</summary>
    public static double? KrippendorffAlpha<T>(IEnumerable<IReadOnlyList<T>> units) where T : notnull
    {
        var coincidence = new Dictionary<(T, T), double>();
        foreach (var unit in units)
        {
            var m = unit.Count;
            if (m < 2) continue;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                    if (i != j) coincidence[(unit[i], unit[j])] = coincidence.GetValueOrDefault((unit[i], unit[j])) + 1.0 / (m - 1);
        }
        var totals = new Dictionary<T, double>();
        foreach (var ((c, _), v) in coincidence) totals[c] = totals.GetValueOrDefault(c) + v;
        var n = totals.Values.Sum();
        if (n <= 1) return null;
        var disagreeing = coincidence.Where(kv => !EqualityComparer<T>.Default.Equals(kv.Key.Item1, kv.Key.Item2)).Sum(kv => kv.Value);
        var chance = 0.0;
        foreach (var (c, nc) in totals)
            foreach (var (k, nk) in totals)
                if (!EqualityComparer<T>.Default.Equals(c, k)) chance += nc * nk;
        if (chance <= 0) return null;
        return 1 - (n - 1) * disagreeing / chance;
    }
}
