using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// One JSON object per line (UTF-8, Cyrillic unescaped) per document: id, canonical_url, source,
/// outlet, published (ISO 8601 with the publisher's offset; null unless the date is trusted), title, text,
/// language, duplicate_of, intent, topics, sentiment_score, plus fetched_at, model_version and the date's
/// provenance: date_source, date_detail, date_flag (ok, undated, future, too_old) and published_claimed
/// (the untrusted date a future or too_old document states).
/// </summary>
public static class DocumentJsonlWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> WriteAsync(TextWriter w, IAsyncEnumerable<ExportedDocument> documents, CancellationToken ct = default)
    {
        var count = 0;
        var buffer = new MemoryStream();
        await foreach (var d in documents.WithCancellation(ct))
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, Options))
                Write(json, d);
            await w.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            count++;
        }
        return count;
    }

    private static void Write(Utf8JsonWriter j, ExportedDocument d)
    {
        j.WriteStartObject();
        j.WriteNumber("id", d.Id);
        j.WriteString("canonical_url", d.CanonicalUrl);
        j.WriteString("source", d.SourceId);
        j.WriteString("outlet", d.Outlet);
        if (d.Published is { } p && d.DateTrust == DateTrust.Trusted) j.WriteString("published", Iso(p)); else j.WriteNull("published");
        j.WriteString("fetched_at", Iso(d.FetchedAt));
        if (d.Title is null) j.WriteNull("title"); else j.WriteString("title", d.Title);
        j.WriteString("text", d.Text);
        j.WriteString("language", d.Language.ToWire());
        if (d.DuplicateOf is { } dup) j.WriteNumber("duplicate_of", dup); else j.WriteNull("duplicate_of");
        if (d.Labels is { } l)
        {
            j.WriteString("intent", l.Intent.ToWire());
            j.WriteStartArray("topics");
            foreach (var t in l.Topics) j.WriteStringValue(t.ToWire());
            j.WriteEndArray();
            if (l.SentimentScore is { } s) j.WriteNumber("sentiment_score", Math.Round(s, 4)); else j.WriteNull("sentiment_score");
        }
        else
        {
            j.WriteNull("intent");
            j.WriteNull("topics");
            j.WriteNull("sentiment_score");
        }
        if (d.ModelVersion is null) j.WriteNull("model_version"); else j.WriteString("model_version", d.ModelVersion);
        if (d.DatedBy is null) j.WriteNull("date_source"); else j.WriteString("date_source", d.DatedBy.Source.ToWire());
        if (d.DatedBy?.Detail is null) j.WriteNull("date_detail"); else j.WriteString("date_detail", d.DatedBy.Detail);
        j.WriteString("date_flag", d.DateTrust.ToWire());
        if (d.Published is { } claimed && d.DateTrust is DateTrust.Future or DateTrust.TooOld) j.WriteString("published_claimed", Iso(claimed));
        else j.WriteNull("published_claimed");
        j.WriteEndObject();
    }

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
