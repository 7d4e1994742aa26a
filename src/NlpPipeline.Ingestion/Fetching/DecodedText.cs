using System.Text;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>Downloaded bytes as text (without a byte-order mark), with the encoding used and where it came from.</summary>
public sealed record DecodedText(string Text, Encoding Encoding, CharsetSource Source);
