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
        sb.AppendLine($"- Fixed split by passage id: {string.Join(", ", m.Corpus.BySplit.Select(kv => $"{kv.Key} {kv.Value}"))}; thresholds tuned on dev, final fit on train+dev, scores on test only");
        sb.AppendLine($"- Features: {m.Features}");
        sb.AppendLine($"- Trainers: {m.Trainers}");
        sb.AppendLine($"- Document intent threshold: {m.IntentThreshold.ToString(inv)}; topic thresholds: {string.Join(", ", m.TopicThresholds.Select(kv => $"{kv.Key} {kv.Value.ToString(inv)}"))}");
        sb.AppendLine();
        sb.AppendLine($"## Held-out results ({m.Metrics.TestPassages} test passages)");
        sb.AppendLine();
        sb.AppendLine($"- Intent: accuracy {F(m.Metrics.Intent.Accuracy)}, macro-F1 {F(m.Metrics.Intent.MacroF1)}");
        sb.AppendLine($"- Sentiment: accuracy {F(m.Metrics.Sentiment.Accuracy)}, macro-F1 {F(m.Metrics.Sentiment.MacroF1)}");
        sb.AppendLine($"- Topics: micro-F1 {F(m.Metrics.Topics.MicroF1)}, macro-F1 {F(m.Metrics.Topics.MacroF1)}");
        sb.AppendLine();
        sb.AppendLine("| language | passages | intent accuracy | intent macro-F1 | sentiment accuracy | topics micro-F1 |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (lang, l) in m.Metrics.ByLanguage)
            sb.AppendLine($"| {lang} | {l.Passages} | {F(l.IntentAccuracy)} | {F(l.IntentMacroF1)} | {F(l.SentimentAccuracy)} | {F(l.TopicMicroF1)} |");
        Table(sb, "Intent", m.Metrics.Intent.PerLabel);
        Table(sb, "Sentiment", m.Metrics.Sentiment.PerLabel);
        Table(sb, "Topics", m.Metrics.Topics.PerLabel);
        sb.AppendLine();
        sb.AppendLine("## Limits");
        sb.AppendLine();
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
