using System.Globalization;
using System.Text;
using NlpPipeline.Classification.Evaluation;

namespace NlpPipeline.Classification;

/// <summary>Renders a manifest as the human-readable model card committed beside the model.</summary>
public static class ModelCard
{
    public static string Render(ModelManifest m)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine($"# Model card: {m.Version}");
        sb.AppendLine();
        sb.AppendLine("Emigration intent, grievance topics and sentiment of passages in Kazakh, Russian and English,");
        sb.AppendLine("with the labels of LABELS.md. Trained by `nlp train`; everything below is read from `manifest.json`.");
        sb.AppendLine();
        sb.AppendLine("## Training");
        sb.AppendLine();
        sb.AppendLine($"- Created: {m.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", inv)}, seed {m.Seed}");
        sb.AppendLine($"- Training data SHA-256: `{m.TrainingDataSha256}`; prepared text SHA-256: `{m.PreparedTextSha256 ?? "not recorded"}`");
        sb.AppendLine($"- Corpus: {m.Corpus.Passages} hand-annotated passages ({string.Join(", ", m.Corpus.ByLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}) from {string.Join(", ", m.Corpus.Files)}");
        if (m.StoreAnnotations is > 0)
            sb.AppendLine($"- Plus {m.StoreAnnotations} passages annotated in the database (adjudicated or single-annotator labels), added to the training part only");
        sb.AppendLine($"- Fixed split by passage id (stratified by language × intent): {string.Join(", ", m.Corpus.BySplit.Select(kv => $"{kv.Key} {kv.Value}"))}; " +
            "every choice (configuration, topic thresholds) made on the training part by cross-validation, the test part scored once");
        if (m.TrainingLabels is { } counts)
        {
            sb.AppendLine($"- Training labels: intent {string.Join(", ", counts.Intent.Select(kv => $"{kv.Key} {kv.Value}"))}; sentiment {string.Join(", ", counts.Sentiment.Select(kv => $"{kv.Key} {kv.Value}"))}");
            sb.AppendLine($"- Training topics: {string.Join(", ", counts.Topics.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }
        if (m.TrainingSeconds is { } seconds) sb.AppendLine($"- Training time: {seconds.ToString("0", inv)} s (cross-validation and final fit)");
        sb.AppendLine($"- Features: {m.Features}");
        if (m.Featurizer is { } f)
            sb.AppendLine($"- Featurizer: {f.Name} v{f.Version}, reading {f.Describe()}; slot map features.bin: {f.WordSlots} word + {f.CharSlots} character" +
                (f.KindWordSlots > 0 ? $" + {f.KindWordSlots} kind × word" : "") + $" slots kept, SHA-256 `{f.SlotsSha256}`");
        sb.AppendLine($"- Trainers: {m.Trainers}");
        sb.AppendLine($"- Document intent threshold: {m.IntentThreshold.ToString(inv)}; topic thresholds: {string.Join(", ", m.TopicThresholds.Select(kv => $"{kv.Key} {kv.Value.ToString(inv)}"))}");
        sb.AppendLine("- Sentiment score (LABELS.md): P(positive) − P(negative), in [−1, 1]");
        sb.AppendLine();
        if (m.CrossValidation is { } cv)
        {
            sb.AppendLine($"## Cross-validation on the training part ({cv.Folds} folds, {cv.Passages} passages)");
            sb.AppendLine();
            sb.AppendLine("The configuration was chosen among the candidates of `nlp bench cv` by the same cross-validation; the comparison table is in");
            sb.AppendLine("`docs/classifier.md`. Figures for this configuration: mean ± standard deviation over folds; topic decisions in each fold use");
            sb.AppendLine("thresholds tuned on the other folds.");
            sb.AppendLine();
            sb.AppendLine("| | intent macro-F1 | intent accuracy | sentiment macro-F1 | sentiment accuracy | topics micro-F1 | topics macro-F1 |");
            sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            sb.AppendLine($"| all | {F(cv.Mean.IntentMacroF1)} ± {F(cv.StdDev.IntentMacroF1)} | {F(cv.Mean.IntentAccuracy)} | {F(cv.Mean.SentimentMacroF1)} ± {F(cv.StdDev.SentimentMacroF1)} | {F(cv.Mean.SentimentAccuracy)} | {F(cv.Mean.TopicMicroF1)} ± {F(cv.StdDev.TopicMicroF1)} | {F(cv.Mean.TopicMacroF1)} |");
            foreach (var (lang, l) in cv.ByLanguage)
                sb.AppendLine($"| {lang} | {F(l.IntentMacroF1)} | {F(l.IntentAccuracy)} | {F(l.SentimentMacroF1)} | {F(l.SentimentAccuracy)} | {F(l.TopicMicroF1)} | {F(l.TopicMacroF1)} |");
            sb.AppendLine();
            if (cv.UnknownKind is { } u)
            {
                sb.AppendLine($"Source kind withheld (a text without a source, scored as of unknown kind), the same out-of-fold passages pooled: intent macro-F1 " +
                    $"{F(u.Pooled.IntentMacroF1)}, sentiment macro-F1 {F(u.Pooled.SentimentMacroF1)}, topics micro-F1 {F(u.Pooled.TopicMicroF1)}; by language " +
                    string.Join("; ", u.ByLanguage.Select(kv => $"{kv.Key} {F(kv.Value.IntentMacroF1)} / {F(kv.Value.SentimentMacroF1)} / {F(kv.Value.TopicMicroF1)}")) + ".");
                sb.AppendLine();
            }
        }
        if (m.HeldOut is { } heldOut)
        {
            sb.AppendLine("## Held-out test part, with baselines");
            sb.AppendLine();
            using var w = new StringWriter(sb, inv);
            HeldOutTable.Write(w, heldOut);
            sb.AppendLine();
        }
        if (m.HeldOutWithoutNeighbours is { } distinct)
        {
            var e = distinct.Evaluation;
            sb.AppendLine("## Held-out test part without close training neighbours");
            sb.AppendLine();
            sb.AppendLine($"The {e.Passages} test passages whose words (of four or more letters) overlap those of every training passage by less than " +
                          $"{distinct.Threshold.ToString("0.##", inv)} (Jaccard); {distinct.LeftOut} passages, which retell a training passage's story or");
            sb.AppendLine("statistic in other words, are left out. These are the figures to expect on new text; model rows only (the baselines are in the manifest).");
            sb.AppendLine();
            using var w = new StringWriter(sb, inv);
            HeldOutTable.WriteSystem(w, e, HeldOutEvaluation.Model);
            sb.AppendLine();
        }
        sb.AppendLine($"## Held-out results per label ({m.Metrics.TestPassages} test passages)");
        sb.AppendLine();
        sb.AppendLine($"- Intent: accuracy {F(m.Metrics.Intent.Accuracy)}, macro-F1 {F(m.Metrics.Intent.MacroF1)}");
        sb.AppendLine($"- Sentiment: accuracy {F(m.Metrics.Sentiment.Accuracy)}, macro-F1 {F(m.Metrics.Sentiment.MacroF1)}");
        sb.AppendLine($"- Topics: micro-F1 {F(m.Metrics.Topics.MicroF1)}, macro-F1 {F(m.Metrics.Topics.MacroF1)}");
        sb.AppendLine();
        Table(sb, "Intent", m.Metrics.Intent.PerLabel);
        Table(sb, "Sentiment", m.Metrics.Sentiment.PerLabel);
        Table(sb, "Topics", m.Metrics.Topics.PerLabel);
        sb.AppendLine();
        sb.AppendLine("## Limits");
        sb.AppendLine();
        sb.AppendLine("- Quality floors for these held-out figures are pinned in `models/baseline.json`; a floor may be raised, never lowered");
        sb.AppendLine("  without a note here.");
        sb.AppendLine("- The test split is small; per-label scores with support under about 10 are noisy. Cite the");
        sb.AppendLine("  aggregate figures with the number of test passages, and prefer weekly shares over single passages.");
        sb.AppendLine("- Trained on hand-written passages about Kazakhstan from 2011–2024; text from other countries,");
        sb.AppendLine("  other registers or later events may score worse.");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string title, IReadOnlyDictionary<string, LabelMetrics> perLabel)
    {
        sb.AppendLine();
        sb.AppendLine($"### {title}");
        sb.AppendLine();
        sb.AppendLine("| label | precision | recall | F1 | support |");
        sb.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (label, x) in perLabel)
            sb.AppendLine($"| {label} | {F(x.Precision)} | {F(x.Recall)} | {F(x.F1)} | {x.Support} |");
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
