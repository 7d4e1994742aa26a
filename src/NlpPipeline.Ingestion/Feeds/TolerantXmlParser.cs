using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NlpPipeline.Ingestion.Feeds;

/// <summary>
/// Reads XML that an XML parser rejects, the way feeds in the wild break it: HTML entities (&amp;nbsp;),
/// bare ampersands, undeclared namespace prefixes, control characters, mismatched or stray end tags.
/// An end tag closes the nearest open element of its name (inner ones with it); one with no open match
/// is ignored; an unknown prefix stays part of the local name ("itunes:subtitle"), so it never passes
/// for a core feed element. What it cannot repair is a document cut short: if the root element is
/// still open at the end, <see cref="RootClosed"/> is false. It never reads a DTD (declarations are
/// skipped) and never expands anything but character references and the HTML/XML named entities.
/// </summary>
internal sealed class TolerantXmlParser
{
    /// <summary>How far up an end tag looks for its element, so hostile input cannot make the reader quadratic.</summary>
    private const int EndTagReach = 64;

    private readonly string _s;
    private int _i;
    private readonly List<(XElement Element, Dictionary<string, XNamespace>? Prefixes)> _open = [];

    private TolerantXmlParser(string text) => _s = text;

    public XElement? Root { get; private set; }
    public bool RootClosed { get; private set; }

    public static TolerantXmlParser Parse(string text)
    {
        var parser = new TolerantXmlParser(text);
        parser.Run();
        return parser;
    }

    private void Run()
    {
        var text = new StringBuilder();
        while (_i < _s.Length && !RootClosed)
        {
            var lt = _s.IndexOf('<', _i);
            if (lt < 0) { text.Append(_s, _i, _s.Length - _i); _i = _s.Length; break; }
            text.Append(_s, _i, lt - _i);
            _i = lt;
            if (At("<!--")) { Flush(text); _i = After("-->"); }
            else if (At("<![CDATA["))
            {
                var end = _s.IndexOf("]]>", _i + 9, StringComparison.Ordinal);
                if (end < 0) { _i = _s.Length; break; }   // a CDATA section cut short: the document is truncated
                Flush(text);
                Current?.Add(new XCData(_s[(_i + 9)..end]));
                _i = end + 3;
            }
            else if (At("<?") || At("<!")) { Flush(text); _i = After(">"); }
            else if (At("</")) { Flush(text); EndTag(); }
            else if (_i + 1 < _s.Length && IsNameStart(_s[_i + 1])) { Flush(text); StartTag(); }
            else { text.Append('<'); _i++; }   // "a < b" in text
        }
        Flush(text);
    }

    private XElement? Current => _open.Count > 0 ? _open[^1].Element : null;

    private void Flush(StringBuilder text)
    {
        if (text.Length == 0) return;
        if (Current is { } element) element.Add(new XText(DecodeEntities(text.ToString())));
        text.Clear();
    }

    private void StartTag()
    {
        _i++;
        var qname = ReadName();
        var attributes = new List<(string Name, string Value)>();
        var selfClosing = false;
        while (_i < _s.Length)
        {
            SkipSpace();
            if (_i >= _s.Length) break;
            if (_s[_i] == '>') { _i++; break; }
            if (At("/>")) { _i += 2; selfClosing = true; break; }
            if (_s[_i] == '<') break;   // "<a <b>": an unclosed tag
            var name = ReadName();
            if (name.Length == 0) { _i++; continue; }
            SkipSpace();
            var value = "";
            if (_i < _s.Length && _s[_i] == '=') { _i++; SkipSpace(); value = ReadAttributeValue(); }
            attributes.Add((name, DecodeEntities(value)));
        }
        if (Root is not null && _open.Count == 0) { RootClosed = true; return; }   // content after the root: ignored
        Dictionary<string, XNamespace>? prefixes = null;
        foreach (var (name, value) in attributes)
        {
            if (name == "xmlns") (prefixes ??= [])[""] = value;
            else if (name.StartsWith("xmlns:", StringComparison.Ordinal)) (prefixes ??= [])[name[6..]] = value;
        }
        _open.Add((null!, prefixes));
        var element = new XElement(Resolve(qname, isAttribute: false));
        _open[^1] = (element, prefixes);
        foreach (var (name, value) in attributes)
        {
            if (name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal)) continue;
            var xname = Resolve(name, isAttribute: true);
            if (element.Attribute(xname) is null) element.SetAttributeValue(xname, value);
        }
        if (_open.Count > 1) _open[^2].Element.Add(element);
        else Root = element;
        if (selfClosing) Close(_open.Count - 1);
    }

    private void EndTag()
    {
        _i += 2;
        var qname = ReadName();
        var gt = _s.IndexOf('>', _i);
        _i = gt < 0 ? _s.Length : gt + 1;
        var colon = qname.IndexOf(':');
        var local = XmlConvert.EncodeLocalName(colon < 0 ? qname : qname[(colon + 1)..]);
        var unprefixed = XmlConvert.EncodeLocalName(qname);
        for (var depth = _open.Count - 1; depth >= Math.Max(0, _open.Count - EndTagReach); depth--)
        {
            var name = _open[depth].Element.Name;
            if (name.LocalName != local && name.LocalName != unprefixed) continue;
            if (name != Resolve(qname, isAttribute: false, depth)) continue;
            Close(depth);
            return;
        }
    }

    private void Close(int depth)
    {
        _open.RemoveRange(depth, _open.Count - depth);
        if (_open.Count == 0) RootClosed = true;
    }

    private XName Resolve(string qname, bool isAttribute, int? depth = null)
    {
        var colon = qname.IndexOf(':');
        var prefix = colon < 0 ? "" : qname[..colon];
        var local = colon < 0 ? qname : qname[(colon + 1)..];
        if (prefix == "xml") return XNamespace.Xml + XmlConvert.EncodeLocalName(local);
        if (isAttribute && colon < 0) return XmlConvert.EncodeLocalName(local);
        for (var d = depth ?? _open.Count - 1; d >= 0; d--)
            if (_open[d].Prefixes?.TryGetValue(prefix, out var ns) == true)
                return ns + XmlConvert.EncodeLocalName(local);
        return XmlConvert.EncodeLocalName(prefix.Length == 0 ? local : qname);   // an undeclared prefix stays in the name
    }

    private string ReadName()
    {
        var start = _i;
        while (_i < _s.Length && !char.IsWhiteSpace(_s[_i]) && _s[_i] is not ('>' or '/' or '=' or '<' or '"' or '\'')) _i++;
        return _s[start.._i];
    }

    private string ReadAttributeValue()
    {
        if (_i >= _s.Length) return "";
        var quote = _s[_i];
        if (quote is '"' or '\'')
        {
            var end = _s.IndexOf(quote, _i + 1);
            if (end < 0) end = _s.Length;
            var value = _s[(_i + 1)..end];
            _i = Math.Min(_s.Length, end + 1);
            return value;
        }
        var start = _i;
        while (_i < _s.Length && !char.IsWhiteSpace(_s[_i]) && _s[_i] != '>') _i++;
        return _s[start.._i];
    }

    private void SkipSpace()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
    }

    private bool At(string token) => string.CompareOrdinal(_s, _i, token, 0, token.Length) == 0;

    private int After(string terminator)
    {
        var end = _s.IndexOf(terminator, _i + 1, StringComparison.Ordinal);
        return end < 0 ? _s.Length : end + terminator.Length;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    /// <summary>Character references and named entities (XML's five and HTML's); anything else stays as written.</summary>
    private static string DecodeEntities(string s)
    {
        if (!s.Contains('&')) return s;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var amp = s.IndexOf('&', i);
            if (amp < 0) { sb.Append(s, i, s.Length - i); break; }
            sb.Append(s, i, amp - i);
            var semi = s.IndexOf(';', amp + 1);
            if (semi > amp + 1 && semi - amp <= 32)
            {
                var decoded = WebUtility.HtmlDecode(s[amp..(semi + 1)]);
                if (decoded != s[amp..(semi + 1)]) { sb.Append(decoded); i = semi + 1; continue; }
                if (s[amp + 1] == '#' && TryCharacterReference(s[(amp + 2)..semi], out var c)) { sb.Append(c); i = semi + 1; continue; }
            }
            sb.Append('&');
            i = amp + 1;
        }
        return sb.ToString();
    }

    private static bool TryCharacterReference(string digits, out string value)
    {
        value = "";
        var hex = digits.StartsWith('x') || digits.StartsWith('X');
        if (!int.TryParse(hex ? digits[1..] : digits, hex ? System.Globalization.NumberStyles.HexNumber : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code) || code is <= 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            return false;
        value = char.ConvertFromUtf32(code);
        return true;
    }
}
