using System.Globalization;

namespace NlpPipeline.Core.Export;

/// <summary>RFC 4180 fields with the invariant culture, as pandas and R read them by default.</summary>
public static class Csv
{
    public static string Field(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }

    public static string Number(double? v, string format = "0.####")
    {
        if (v is not { } d) return "";
        var s = d.ToString(format, CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;   // a tiny negative rounds to "-0", which reads as a sign error
    }

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Field));
}
