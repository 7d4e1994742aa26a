using System.Runtime.InteropServices;
using NlpPipeline.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
// systemd and docker stop with SIGTERM: stop at a document boundary, release the run lease, exit.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
return await NlpApp.RunAsync(args, Console.Out, Console.Error, AppEnvironment.CreateDefault(), cancel.Token);
