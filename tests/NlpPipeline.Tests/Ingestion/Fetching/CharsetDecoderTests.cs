using System.Text;
using NlpPipeline.Ingestion.Fetching;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Fetching;

public sealed class CharsetDecoderTests
{
    private const string Russian = "Жители Караганды обсуждают цены на уголь";
    private const string Kazakh = "Қарағандыда көмір бағасы қымбаттады: тұрғындар алаңдаулы";

    private static readonly Encoding Cp1251;

    static CharsetDecoderTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1251 = Encoding.GetEncoding(1251);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Decode_Utf8Bom_StripsBomAndDecodes()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Utf8(Kazakh)];

        Assert.Equal(Kazakh, CharsetDecoder.Decode(bytes, null));
    }

    [Fact]
    public void Decode_Utf8BomWithConflictingHttpCharset_BomWins()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Utf8(Russian)];

        Assert.Equal(Russian, CharsetDecoder.Decode(bytes, "windows-1251"));
    }

    [Fact]
    public void Decode_Utf16LittleEndianBom_Decodes()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Russian)];

        Assert.Equal(Russian, CharsetDecoder.Decode(bytes, null));
    }

    [Fact]
    public void Decode_Utf16BigEndianBom_Decodes()
    {
        byte[] bytes = [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Kazakh)];

        Assert.Equal(Kazakh, CharsetDecoder.Decode(bytes, null));
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("Windows-1251")]
    [InlineData("cp1251")]
    [InlineData(" windows-1251 ")]
    public void Decode_Windows1251WithHttpCharset_Decodes(string charset)
    {
        Assert.Equal(Russian, CharsetDecoder.Decode(Cp1251.GetBytes(Russian), charset));
    }

    [Fact]
    public void Decode_Windows1251WithXmlDeclarationAndNoHttpCharset_Decodes()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<rss><channel><title>{Russian}</title></channel></rss>";

        var text = CharsetDecoder.Decode(Cp1251.GetBytes(xml), null);

        Assert.Equal(xml, text);
    }

    [Fact]
    public void Decode_Windows1251WithMetaCharset_Decodes()
    {
        var html = $"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>{Russian}</title></head><body><p>{Russian}</p></body></html>";

        Assert.Equal(html, CharsetDecoder.Decode(Cp1251.GetBytes(html), null));
    }

    [Fact]
    public void Decode_Windows1251WithHttpEquivMeta_Decodes()
    {
        var html = $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>{Russian}</body></html>";

        Assert.Equal(html, CharsetDecoder.Decode(Cp1251.GetBytes(html), null));
    }

    [Fact]
    public void Decode_Windows1251WithNoDeclaration_FallsBackTo1251()
    {
        var html = $"<html><body><p>{Russian}</p></body></html>";

        Assert.Equal(html, CharsetDecoder.Decode(Cp1251.GetBytes(html), null));
    }

    [Fact]
    public void Decode_Windows1251DeclaredUtf8ByHttp_StillReadsCyrillic()
    {
        var text = CharsetDecoder.Decode(Cp1251.GetBytes(Russian), "utf-8");

        Assert.Equal(Russian, text);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void Decode_Windows1251WithXmlDeclarationSayingUtf8_StillReadsCyrillic()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>{Russian}</title></channel></rss>";

        Assert.Equal(xml, CharsetDecoder.Decode(Cp1251.GetBytes(xml), null));
    }

    [Fact]
    public void Decode_HttpUtf8ButDocumentDeclares1251_UsesDeclaration()
    {
        var html = $"<html><head><meta charset=\"windows-1251\"></head><body>{Russian}</body></html>";

        Assert.Equal(html, CharsetDecoder.Decode(Cp1251.GetBytes(html), "utf-8"));
    }

    [Fact]
    public void Decode_PlainUtf8KazakhWithNoDeclaration_DecodesAsUtf8()
    {
        var html = $"<html><body><p>{Kazakh}</p></body></html>";

        Assert.Equal(html, CharsetDecoder.Decode(Utf8(html), null));
    }

    [Fact]
    public void Decode_UnknownHttpCharset_IsIgnored()
    {
        Assert.Equal(Kazakh, CharsetDecoder.Decode(Utf8(Kazakh), "x-no-such-charset"));
    }

    [Fact]
    public void Decode_EmptyBytes_ReturnsEmptyString()
    {
        Assert.Equal("", CharsetDecoder.Decode([], null));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss/>", "windows-1251")]
    [InlineData("<?xml version='1.0' encoding='KOI8-R'?><rss/>", "KOI8-R")]
    [InlineData("<html><head><meta charset=utf-8></head></html>", "utf-8")]
    [InlineData("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=windows-1251\"></head></html>", "windows-1251")]
    [InlineData("<html><head><title>Без объявления</title></head></html>", null)]
    public void DeclaredCharset_Document_ReturnsDeclaredName(string document, string? expected)
    {
        Assert.Equal(expected, CharsetDecoder.DeclaredCharset(Utf8(document)));
    }
}
