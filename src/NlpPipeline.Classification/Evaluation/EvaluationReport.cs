namespace NlpPipeline.Classification.Evaluation;

/// <summary>Held-out scores of a model, as recorded in its manifest.</summary>
public sealed record EvaluationReport(
    int TestPassages,
    TaskMetrics Intent,
    TaskMetrics Sentiment,
    TopicMetrics Topics,
    IReadOnlyDictionary<string, LanguageMetrics> ByLanguage);

public sealed record LabelMetrics(double Precision, double Recall, double F1, int Support);

public sealed record TaskMetrics(double Accuracy, double MacroF1, IReadOnlyDictionary<string, LabelMetrics> PerLabel);

public sealed record TopicMetrics(double MicroF1, double MacroF1, IReadOnlyDictionary<string, LabelMetrics> PerLabel);

public sealed record LanguageMetrics(int Passages, double IntentAccuracy, double IntentMacroF1, double SentimentAccuracy, double TopicMicroF1,
    double SentimentMacroF1 = 0, double TopicMacroF1 = 0);
