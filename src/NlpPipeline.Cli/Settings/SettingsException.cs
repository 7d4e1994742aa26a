namespace NlpPipeline.Cli.Settings;

/// <summary>A settings file or an NLP_ environment variable that cannot be used; the message names the file and line, or the variable, and the key.</summary>
internal sealed class SettingsException(string message, Exception? inner = null) : Exception(message, inner);
