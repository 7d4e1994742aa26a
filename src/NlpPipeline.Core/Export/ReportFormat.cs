namespace NlpPipeline.Core.Export;

/// <summary>Output formats of tabular results.</summary>
public enum ReportFormat { Table, Csv, Json, Jsonl }
