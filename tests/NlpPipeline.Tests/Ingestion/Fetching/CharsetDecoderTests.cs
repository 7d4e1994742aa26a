using System.Text;
using NlpPipeline.Ingestion.Fetching;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Fetching;

public sealed class CharsetDecoderTests
{
    private const string Russian = "Жители Караганды обсуждают цены на уголь";
    private const string Kazakh = "Қарағандыда көмір бағасы қымбаттады: тұрғындар алаңдаулы";

    private static readonly Encoding Cp1251;
    private static readonly Encoding Koi8R;

    static CharsetDecoderTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1251 = Encoding.GetEncoding(1251);
        Koi8R = Encoding.GetEncoding("koi8-r");
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
    // Issue 3: KOI8-R, the other legacy Cyrillic encoding, is told from windows-1251 by letter statistics.

    [Theory]
    [InlineData("Жители Караганды обсуждают цены на уголь и отопление зимой")]
    [InlineData("Молодёжь уезжает: в прошлом году город покинули три тысячи человек")]
    [InlineData("ПРИВЕТ ИЗ ПАВЛОДАРА")]
    [InlineData("Ой")]
    public void Issue3_UndeclaredKoi8R_IsDetected(string text)
    {
        var html = $"<html><body><p>{text}</p></body></html>";

        var decoded = CharsetDecoder.DecodeWithSource(Koi8R.GetBytes(html), null);

        Assert.Equal(html, decoded.Text);
        Assert.Equal("koi8-r", decoded.Encoding.WebName);
        Assert.Equal(CharsetSource.Detected, decoded.Source);
    }

    [Theory]
    [InlineData("Жители Караганды обсуждают цены на уголь и отопление зимой")]
    [InlineData("Молодёжь уезжает: в прошлом году город покинули три тысячи человек")]
    [InlineData("ПРИВЕТ ИЗ ПАВЛОДАРА")]
    [InlineData("Ой")]
    public void Issue3_UndeclaredWindows1251_IsNotMistakenForKoi8R(string text)
    {
        var html = $"<html><body><p>{text}</p></body></html>";

        var decoded = CharsetDecoder.DecodeWithSource(Cp1251.GetBytes(html), null);

        Assert.Equal(html, decoded.Text);
        Assert.Equal("windows-1251", decoded.Encoding.WebName);
    }

    [Fact]
    public void Issue3_CyrillicDetectorScore_PrefersRussianOverItsKoi8Misreading()
    {
        var misread = Cp1251.GetString(Koi8R.GetBytes(Russian));   // KOI8-R bytes read as windows-1251

        Assert.True(CyrillicDetector.Score(Russian) > CyrillicDetector.Score(misread));
    }

    [Fact]
    public void Issue3_UndeclaredUtf8_IsDetectedAsUtf8()
    {
        var decoded = CharsetDecoder.DecodeWithSource(Utf8(Kazakh), null);

        Assert.Equal(Kazakh, decoded.Text);
        Assert.Equal(CharsetSource.Detected, decoded.Source);
        Assert.Equal("utf-8", decoded.Encoding.WebName);
    }

    [Fact]
    public void Issue3_TrustOrder_BomThenHttpThenDeclarationThenDetection()
    {
        var declared1251 = $"<html><head><meta charset=\"windows-1251\"></head><body>{Russian}</body></html>";

        Assert.Equal(CharsetSource.Bom, CharsetDecoder.DecodeWithSource([0xEF, 0xBB, 0xBF, .. Utf8(declared1251)], "koi8-r").Source);
        var http = CharsetDecoder.DecodeWithSource(Koi8R.GetBytes(declared1251), "koi8-r");
        Assert.Equal((CharsetSource.Http, declared1251), (http.Source, http.Text));
        var meta = CharsetDecoder.DecodeWithSource(Cp1251.GetBytes(declared1251), null);
        Assert.Equal((CharsetSource.Declaration, declared1251), (meta.Source, meta.Text));
    }

    [Fact]
    public void Issue3_HttpCharsetBeatsXmlDeclaration()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>{Russian}</title></channel></rss>";

        Assert.Equal(xml, CharsetDecoder.Decode(Koi8R.GetBytes(xml), "koi8-r"));
    }

    [Theory]
    [InlineData("windows_1251", 1251)]
    [InlineData("cp1251", 1251)]
    [InlineData("CP866", 866)]
    [InlineData("866", 866)]
    [InlineData("csIBM866", 866)]
    [InlineData("cskoi8r", 20866)]
    [InlineData("koi8_u", 21866)]
    [InlineData("mac-cyrillic", 10007)]
    [InlineData("cp855", 855)]
    [InlineData("cspc850multilingual", 850)]
    public void Issue3_CharsetNames_ResolvesAliasesAndBareCodePages(string label, int codePage)
    {
        Assert.Equal(codePage, CharsetNames.Resolve(label)?.CodePage);
    }

    [Fact]
    public void Issue3_CharsetNames_Koi8TAndCp1125_DecodeTheirOwnLetters()
    {
        // KOI8-T (Tajik) has қ at 0x80 and ӯ at 0xA1, Russian letters where KOI8-R has them; CP1125 has Ukrainian І at 0xF6.
        Assert.Equal("қӯПривет", CharsetNames.Resolve("koi8-t")!.GetString([0x80, 0xA1, .. Koi8R.GetBytes("Привет")]));
        Assert.Equal("Київ І", CharsetNames.Resolve("cp1125")!.GetString([0x8A, 0xA8, 0xF9, 0xA2, 0x20, 0xF6]));
    }

    [Theory]
    [InlineData("x-no-such-charset")]
    [InlineData("")]
    [InlineData("cp99999")]
    public void Issue3_CharsetNames_UnknownLabel_IsNull(string label)
    {
        Assert.Null(CharsetNames.Resolve(label));
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    [InlineData("iso-8859-1")]
    public void Issue3_Utf8BytesDeclaredAsASingleByteCodePage_AreReadAsUtf8(string declared)
    {
        var html = $"<html><head><meta charset=\"{declared}\"></head><body>{Russian}. {Kazakh}.</body></html>";

        var byHttp = CharsetDecoder.DecodeWithSource(Utf8(html), declared);
        var byMeta = CharsetDecoder.DecodeWithSource(Utf8(html), null);

        Assert.Equal((html, "utf-8"), (byHttp.Text, byHttp.Encoding.WebName));
        Assert.Equal((html, "utf-8"), (byMeta.Text, byMeta.Encoding.WebName));
    }

    [Fact]
    public void Issue3_AsciiOnlyBytesDeclaredWindows1251_KeepTheDeclaration()
    {
        Assert.Equal("windows-1251", CharsetDecoder.DecodeWithSource(Utf8("<p>plain ascii</p>"), "windows-1251").Encoding.WebName);
    }
}
