using System.Text;
using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Resolves the charset names that feeds and servers write ("windows-1251", "cp1251", "windows_1251",
/// "866", "csIBM866", "cskoi8r", "mac-cyrillic", …) to an <see cref="Encoding"/>. .NET knows the
/// IANA names; publishers also use Python/ICU-style aliases and bare code-page numbers. KOI8-T and
/// CP1125, Cyrillic code pages .NET does not ship, are provided from their tables.
/// </summary>
public static partial class CharsetNames
{
    // KOI8-T (Tajik) differs from KOI8-R in 0x80–0xBF; 0xC0–0xFF are the same Russian letters.
    private static readonly Lazy<Encoding> Koi8T = new(() => TableEncoding.Derive("koi8-t", 20866, 0x80,
        "\u049B\u0493\u201A\u0492\u201E\u2026\u2020\u2021\uFFFD\u2030\u04B3\u2039\u04B2\u04B7\u04B6\uFFFD" +
        "\u049A\u2018\u2019\u201C\u201D\u2022\u2013\u2014\uFFFD\u2122\uFFFD\u203A\uFFFD\uFFFD\uFFFD\uFFFD" +
        "\uFFFD\u04EF\u04EE\u0451\u00A4\u04E3\u00A6\u00A7\uFFFD\uFFFD\uFFFD\u00AB\u00AC\u00AD\u00AE\uFFFD" +
        "\u00B0\u00B1\u00B2\u0401\uFFFD\u04E2\u00B6\u00B7\uFFFD\u2116\uFFFD\u00BB\uFFFD\uFFFD\uFFFD\u00A9"));

    // CP1125 (RUSCII, Ukrainian DOS) is CP866 with Ґґ Єє Іі Її at 0xF2–0xF9.
    private static readonly Lazy<Encoding> Cp1125 = new(() => TableEncoding.Derive("cp1125", 866, 0xF2,
        "\u0490\u0491\u0404\u0454\u0406\u0456\u0407\u0457"));

    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mac-cyrillic"] = 10007, ["maccyrillic"] = 10007, ["x-mac-cyrillic"] = 10007,
        ["macroman"] = 10000, ["mac-roman"] = 10000, ["macgreek"] = 10006, ["maciceland"] = 10079,
        ["macturkish"] = 10081, ["maccentraleurope"] = 10029, ["maclatin2"] = 10029,
        ["cp-is"] = 861, ["ibm039"] = 37,
    };

    static CharsetNames() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a charset label names, or null when the label is unknown.</summary>
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (TryGet(name) is { } direct) return direct;
        name = name.Replace('_', '-');
        switch (name)
        {
            case "koi8-t": return Koi8T.Value;
            case "cp1125" or "1125" or "ibm1125" or "cp866u" or "ruscii": return Cp1125.Value;
        }
        if (TryGet(name) is { } dashed) return dashed;
        if (Aliases.TryGetValue(name, out var aliased)) return TryGet(aliased);
        // "866", "cp1251", "csibm855", "windows-1257", "cspc850multilingual", "cspc8codepage437": a code page number.
        var m = CodePageNumber().Match(name);
        return m.Success && int.TryParse(m.Groups["n"].Value, out var page) ? TryGet(page) : null;
    }

    private static Encoding? TryGet(string name)
    {
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    private static Encoding? TryGet(int codePage)
    {
        try { return Encoding.GetEncoding(codePage); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException) { return null; }
    }

    [GeneratedRegex(@"^(?:cp|ibm|csibm|windows-?|cspcp?|cspc\d*codepage|dos-|x-cp)?(?<n>\d{3,5})[a-z]*$")]
    private static partial Regex CodePageNumber();
}
