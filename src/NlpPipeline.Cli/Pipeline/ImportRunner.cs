using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Imports;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// import: read and validate the whole file (nothing is stored if any line is bad), then each post →
/// paragraphs → the same passage pipeline as ingestion → store, one transaction per document, with its
/// provenance and its author only as a keyed hash. A post already stored (same URL, or same platform and
/// id) is not stored again, so importing a file twice adds nothing.
/// </summary>
internal sealed partial class ImportRunner(PassageBuilder passageBuilder, TimeProvider time, ILogger<ImportRunner> log,
    Logging.ProgressFactory? progressFactory = null)
{
    public ImportSummary Run(string path, ImportFormat format, string sourceId, string? platform, string? authorSecret, NlpDatabase db, CancellationToken ct)
    {
        if (!SourceId().IsMatch(sourceId)) throw new UsageException($"--source: '{sourceId}' is not a source id (letters, digits, '.', '_' and '-')");
        if (platform is not null && !SourceId().IsMatch(platform)) throw new UsageException($"--platform: '{platform}' is not a platform name (letters, digits, '.', '_' and '-')");
        var batch = PostFileReader.Read(path, format, platform?.ToLowerInvariant());
        log.LogInformation("{Path}: {Posts} post(s) with text, {Service} service message(s), {Empty} without text", path, batch.Posts.Count, batch.ServiceMessages, batch.WithoutText);
        var store = new ImportStore(db);
        store.EnsureSource(sourceId, batch.ChatName ?? sourceId);
        using var hmac = new HMACSHA256(store.AuthorKey(authorSecret));
        var importId = store.Start(sourceId, format.ToWire(), Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        var summary = new ImportSummary(importId, batch.Posts.Count, batch.ServiceMessages, batch.WithoutText);
        using var progress = (progressFactory ?? Logging.ProgressReporting.Plain(time))(log, "Imported", "posts", batch.Posts.Count);
        try
        {
            foreach (var post in batch.Posts)
            {
                ct.ThrowIfCancellationRequested();
                progress.Add();
                var document = new Document(post.Identity, post.Identity, sourceId, time.GetUtcNow(), post.CreatedAt, null, Paragraphs(post.Text));
                if (passageBuilder.Build(document) is not { } built) { summary.WithoutText++; continue; }
                var author = post.Author is null ? null : Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(post.Platform + "\n" + post.Author)));
                var outcome = store.Save(document, built.Passages, built.Language, importId, post.Platform, post.Id, author);
                switch (outcome.Status)
                {
                    case SaveStatus.New: summary.New++; summary.Passages += outcome.Passages; break;
                    case SaveStatus.AlreadyStored: summary.AlreadyStored++; break;
                    case SaveStatus.Duplicate: summary.Duplicates++; break;
                }
                log.LogDebug("{Status}: {Identity} line {Line} ({Passages} passages, {Language})", outcome.Status, post.Identity, post.Line, outcome.Passages, built.Language.Language);
            }
            var searchable = new PassageSearchIndex(db).CatchUp(ct);
            if (searchable > 0) log.LogInformation("Indexed {Count} new passage(s) for search", searchable);
        }
        finally
        {
            progress.Finish();
            store.Finish(importId, batch.Posts.Count, summary.New, summary.AlreadyStored, summary.Duplicates, summary.ServiceMessages + summary.WithoutText);
        }
        return summary;
    }

    /// <summary>A post's paragraphs are its blank-line-separated blocks; single line breaks inside a block become spaces.</summary>
    private static IReadOnlyList<string> Paragraphs(string text) =>
        [.. BlankLine().Split(text).Select(Core.Text.TextNormalizer.Normalize).Where(p => p.Length > 0)];

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SourceId();
}
