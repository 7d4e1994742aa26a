using System.Globalization;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Annotation;

/// <summary>What an import did.</summary>
internal sealed record ImportResult(long BatchId, string Annotator, int Rows, int Unlabelled, AnnotationImportOutcome Outcome);

/// <summary>
/// annotate import: reads and checks the whole file (labels, then that every id is a passage of the batch),
/// reporting every problem with its line number, and stores the labels in one transaction only when there
/// is none. The batch comes from the file's <c>batch</c> column or <c>--batch</c>.
/// </summary>
internal static class AnnotationImport
{
    public static ImportResult Import(NlpDatabase db, string path, string annotator, long? batchOption)
    {
        if (!AnnotationFileReader.IsValidName(annotator))
            throw new UsageException($"--annotator '{annotator}': use 1–40 letters, digits, '.', '_' or '-' (the same name every time, e.g. your initials).");
        var (file, read) = AnnotationFileReader.ReadWithProblems(path);
        var problems = read.ToList();
        var store = new AnnotationStore(db);
        if (batchOption is { } b && file.Batch is { } fb && b != fb)
            throw new AnnotationFileException(path, [(0, $"the file's rows belong to batch {fb}, not to batch {b} given with --batch")]);
        var batchId = batchOption ?? file.Batch
            ?? throw new AnnotationFileException(path, [.. problems, (0, "the file has no 'batch' column; say which batch it is with --batch ID (see 'nlp annotate batches')")]);
        if (store.FindBatch(batchId) is null) throw new AnnotationFileException(path, [.. problems, (0, $"there is no batch {batchId} in {db.Path} (see 'nlp annotate batches')")]);
        var passages = store.BatchPassages(batchId);
        foreach (var (line, id) in file.Ids)
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !passages.ContainsKey(pid))
                problems.Add((line, $"id '{id}' is not a passage of batch {batchId}"));
        if (problems.Count > 0) throw new AnnotationFileException(path, problems);
        var inputs = file.Rows.Select(row =>
        {
            var id = long.Parse(row.Id, CultureInfo.InvariantCulture);
            return new AnnotationInput(id, new AnnotationLabels(row.Language ?? passages[id], row.Intent, row.Topics, row.Sentiment), row.Note);
        }).ToList();
        if (inputs.Count == 0) throw new AnnotationFileException(path, [(0, "no row is labelled yet (intent, topics and sentiment are empty on every row)")]);
        var outcome = store.Import(batchId, annotator, Path.GetFileName(path), file.Sha256, inputs);
        return new ImportResult(batchId, annotator, inputs.Count, file.Unlabelled, outcome);
    }
}
