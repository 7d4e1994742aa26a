using NlpPipeline.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await NlpApp.RunAsync(args, Console.Out, Console.Error, AppEnvironment.CreateDefault(), cancel.Token);
