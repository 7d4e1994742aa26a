namespace NlpPipeline.Core.Labels;

/// <summary>Whether text comes from news media or social media (the annotated format's <c>source_kind</c>).</summary>
public enum SourceKind { News, Social }
