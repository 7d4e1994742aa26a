namespace NlpPipeline.Ingestion.Fetching;

/// <summary>Where the encoding of downloaded bytes came from, most trusted first.</summary>
public enum CharsetSource
{
    /// <summary>A byte-order mark (or, for XML, the byte pattern of "&lt;?xml" in UTF-16/32 or EBCDIC).</summary>
    Bom,
    /// <summary>The charset parameter of the HTTP Content-Type header.</summary>
    Http,
    /// <summary>The document's own declaration: the XML prolog, &lt;meta charset&gt; or http-equiv.</summary>
    Declaration,
    /// <summary>Nothing usable was declared: valid UTF-8, else the likelier of windows-1251 and KOI8-R.</summary>
    Detected,
}
