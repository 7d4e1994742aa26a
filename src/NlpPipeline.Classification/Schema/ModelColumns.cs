namespace NlpPipeline.Classification.Schema;

/// <summary>Column names inside the saved ML.NET model, written once.</summary>
internal static class ModelColumns
{
    public const string Text = "Text";
    public const string Features = "Features";
    public const string IntentLabel = nameof(LabelledText.Intent);
    public const string SentimentLabel = nameof(LabelledText.Sentiment);
    public const string IntentKey = "IntentKey";
    public const string SentimentKey = "SentimentKey";
    public const string Score = "Score";
    public const string Probability = "Probability";
    public const string IntentScores = "IntentScores";
    public const string SentimentScores = "SentimentScores";
    public const string TopicProbs = "TopicProbs";

    public static string TopicProbability(int index) => $"TopicP{index:D2}";
}
