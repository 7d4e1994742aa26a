using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// The flat columns of <c>nlp export documents</c> in CSV and Parquet: the fields of the JSON Lines export
/// (<see cref="DocumentJsonlWriter"/>), topics joined with ';', the text last.
/// </summary>
public static class DocumentTable
{
    public static IReadOnlyList<TableColumn<ExportedDocument>> Columns { get; } =
    [
        TableColumn<ExportedDocument>.Int64("id", d => d.Id),
        TableColumn<ExportedDocument>.String("canonical_url", d => d.CanonicalUrl),
        TableColumn<ExportedDocument>.String("source", d => d.SourceId),
        TableColumn<ExportedDocument>.String("outlet", d => d.Outlet),
        TableColumn<ExportedDocument>.Timestamp("published", d => d.DateTrust == DateTrust.Trusted ? d.Published : null),
        TableColumn<ExportedDocument>.Timestamp("fetched_at", d => d.FetchedAt),
        TableColumn<ExportedDocument>.String("title", d => d.Title),
        TableColumn<ExportedDocument>.String("language", d => d.Language.ToWire()),
        TableColumn<ExportedDocument>.Int64("duplicate_of", d => d.DuplicateOf),
        TableColumn<ExportedDocument>.String("intent", d => d.Labels?.Intent.ToWire()),
        TableColumn<ExportedDocument>.String("topics", d => d.Labels is { } l ? string.Join(";", l.Topics.Select(t => t.ToWire())) : null),
        TableColumn<ExportedDocument>.Double("sentiment_score", d => d.Labels?.SentimentScore, 4),
        TableColumn<ExportedDocument>.String("model_version", d => d.ModelVersion),
        TableColumn<ExportedDocument>.String("date_source", d => d.DatedBy?.Source.ToWire()),
        TableColumn<ExportedDocument>.String("date_detail", d => d.DatedBy?.Detail),
        TableColumn<ExportedDocument>.String("date_flag", d => d.DateTrust.ToWire()),
        TableColumn<ExportedDocument>.Timestamp("published_claimed", d => d.DateTrust is DateTrust.Future or DateTrust.TooOld ? d.Published : null),
        TableColumn<ExportedDocument>.String("text", d => d.Text),
    ];
}
