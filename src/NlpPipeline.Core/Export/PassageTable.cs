using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// The flat columns of <c>nlp export passages</c> in CSV and Parquet: ids, document metadata, the trusted
/// publication time (with the publisher's offset, and its local date in the research time zone), labels, one
/// probability column per label (<c>p_intent_&lt;label&gt;</c>, <c>p_topic_&lt;label&gt;</c>,
/// <c>p_sentiment_&lt;label&gt;</c>) and the text last.
/// </summary>
public static class PassageTable
{
    public static IReadOnlyList<TableColumn<ExportedPassage>> Columns(ResearchCalendar calendar)
    {
        var c = new List<TableColumn<ExportedPassage>>
        {
            TableColumn<ExportedPassage>.Int64("passage_id", p => p.PassageId),
            TableColumn<ExportedPassage>.Int64("document_id", p => p.DocumentId),
            TableColumn<ExportedPassage>.Int64("ordinal", p => p.Ordinal),
            TableColumn<ExportedPassage>.String("canonical_url", p => p.CanonicalUrl),
            TableColumn<ExportedPassage>.String("source", p => p.SourceId),
            TableColumn<ExportedPassage>.String("outlet", p => p.Outlet),
            TableColumn<ExportedPassage>.String("source_kind", p => p.SourceKind.ToWire()),
            TableColumn<ExportedPassage>.Timestamp("published", p => p.Published),
            TableColumn<ExportedPassage>.Int64("published_offset_minutes", p => p.Published is { } t ? (long)t.Offset.TotalMinutes : null),
            TableColumn<ExportedPassage>.Date("local_date", p => p.Published is { } t ? calendar.LocalDate(t) : null),
            TableColumn<ExportedPassage>.String("date_flag", p => p.DateTrust.ToWire()),
            TableColumn<ExportedPassage>.String("language", p => p.Language.ToWire()),
            TableColumn<ExportedPassage>.String("model_version", p => p.ModelVersion),
            TableColumn<ExportedPassage>.String("intent", p => p.Labels?.Intent.ToWire()),
            TableColumn<ExportedPassage>.String("topics", p => p.Labels is { } l ? string.Join(";", l.Topics.Select(t => t.ToWire())) : null),
            TableColumn<ExportedPassage>.String("sentiment", p => p.Labels?.Sentiment.ToWire()),
            TableColumn<ExportedPassage>.Double("sentiment_score", p => p.Labels?.SentimentScore),
        };
        c.AddRange(LabelNames.Intents.All.Select(i => TableColumn<ExportedPassage>.Double("p_intent_" + i.ToWire(), p => p.Labels?.IntentProbs[i])));
        c.AddRange(LabelNames.Topics.All.Select(t => TableColumn<ExportedPassage>.Double("p_topic_" + t.ToWire(), p => p.Labels?.TopicProbs[t])));
        c.AddRange(LabelNames.Sentiments.All.Select(s => TableColumn<ExportedPassage>.Double("p_sentiment_" + s.ToWire(), p => p.Labels?.SentimentProbs[s])));
        c.Add(TableColumn<ExportedPassage>.String("text", p => p.Text));
        return c;
    }
}
