namespace NlpPipeline.Ingestion;

/// <summary>Why an item of a source produced no document. Expected outcomes, counted in the run summary.</summary>
public enum SkipReason { AlreadyStored, FetchFailed, NotHtml, NoMainText }
