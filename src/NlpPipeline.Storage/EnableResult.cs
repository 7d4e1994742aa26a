namespace NlpPipeline.Storage;

/// <summary>What <see cref="SourceHealthStore.Enable"/> did.</summary>
public enum EnableResult { Enabled, NotDisabled, UnknownSource }
