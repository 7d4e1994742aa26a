namespace NlpPipeline.Cli;

/// <summary>Process exit codes. A run whose summary lists failed sources still completed: 0.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
