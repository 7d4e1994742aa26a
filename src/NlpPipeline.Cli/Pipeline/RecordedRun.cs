using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// A writing command other than ingest (classify, import) run under the run lease and recorded in
/// <c>ingestion_runs</c>: started before the work, failed with the reason if the work throws. The body
/// finishes the record itself with what it added.
/// </summary>
internal static class RecordedRun
{
    public sealed record Recording(RunStore Store, long RunId);

    public static T Run<T>(CliContext c, NlpDatabase db, string command, Func<Recording, T> body)
    {
        using var lease = c.AcquireLease(db, command);
        var store = new RunStore(db);
        var runId = store.StartRun(command);
        lease.AttachRun(runId);
        try
        {
            return body(new Recording(store, runId));
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException) store.TryFail(runId, "cancelled by the operator", "cancelled");
            else store.TryFail(runId, $"{ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }
}
