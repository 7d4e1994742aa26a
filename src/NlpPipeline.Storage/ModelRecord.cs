namespace NlpPipeline.Storage;

/// <summary>A model version as registered in the database, so every prediction can be traced to it.</summary>
public sealed record ModelRecord(string Version, DateTimeOffset CreatedAt, string TrainingDataSha256, double IntentThreshold, string MetricsJson);
