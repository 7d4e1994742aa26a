namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// Precision, recall and F1 from gold and predicted labels. Macro averages are over labels that occur
/// in the gold data (a label with no support says nothing about the model and would drag the mean to 0).
/// </summary>
public static class Scorer
{
    public static TaskMetrics Multiclass(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IEnumerable<string> labels)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        var perLabel = new Dictionary<string, LabelMetrics>();
        foreach (var label in labels)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                var g = gold[i] == label;
                var p = predicted[i] == label;
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
            perLabel[label] = Metrics(tp, fp, fn);
        }
        var correct = gold.Where((g, i) => g == predicted[i]).Count();
        return new TaskMetrics(Ratio(correct, gold.Count), MacroF1(perLabel.Values), perLabel);
    }

    public static TopicMetrics MultiLabel(IReadOnlyList<IReadOnlySet<string>> gold, IReadOnlyList<IReadOnlySet<string>> predicted, IEnumerable<string> labels)
    {
        var perLabel = new Dictionary<string, LabelMetrics>();
        int tpAll = 0, fpAll = 0, fnAll = 0;
        foreach (var label in labels)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                var g = gold[i].Contains(label);
                var p = predicted[i].Contains(label);
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
            perLabel[label] = Metrics(tp, fp, fn);
            tpAll += tp; fpAll += fp; fnAll += fn;
        }
        return new TopicMetrics(Metrics(tpAll, fpAll, fnAll).F1, MacroF1(perLabel.Values), perLabel);
    }

    public static LabelMetrics Metrics(int tp, int fp, int fn)
    {
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new LabelMetrics(Math.Round(precision, 4), Math.Round(recall, 4), Math.Round(f1, 4), tp + fn);
    }

    private static double MacroF1(IEnumerable<LabelMetrics> labels)
    {
        var supported = labels.Where(l => l.Support > 0).ToList();
        return supported.Count == 0 ? 0 : Math.Round(supported.Average(l => l.F1), 4);
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : Math.Round(a / (double)b, 4);
}
