using System.Globalization;
using System.Net;
using System.Text;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// News pages and RSS feeds made up deterministically from an item number, for load tests of ingestion
/// (<c>nlp bench ingest</c>, the crash-safety tests). Each article is in Russian (half), Kazakh or English
/// (a quarter each), 5–8 paragraphs of 3–5 sentences (about 250–500 words, the size of a regional news
/// story), inside the usual page furniture (navigation, "read also" links, footer) that extraction must
/// drop. Sentences are drawn phrase by phrase from small hand-written vocabularies with numbers mixed in, so
/// two articles share few word 4-grams and are not near-duplicates of each other.
/// </summary>
public static class SyntheticArticles
{
    private sealed record Vocabulary(string Code, string[] Subjects, string[] Verbs, string[] Objects, string[] Times, string[] Places,
        string[] Figures, string SiteName, string ReadAlso, string Footer, string[] Sections, Func<string[], Random, string> Sentence);

    private static readonly Vocabulary Ru = new("ru",
        ["Жители Павлодара", "Молодые инженеры", "Многие семьи", "Студенты из Шымкента", "Врачи районной больницы", "Учителя сельских школ",
         "Программисты", "Пенсионеры", "Выпускники университета", "Предприниматели", "Водители такси", "Фермеры", "Родители школьников",
         "Строители", "Соседи по подъезду", "Медсёстры", "Шахтёры Караганды", "Продавцы на рынке"],
        ["говорят о", "всё чаще спорят о", "пишут о", "думают о", "рассказывают о", "мечтают о", "вспоминают о", "узнают о",
         "молчат о", "шутят о", "расспрашивают знакомых о", "читают о"],
        ["росте цен на продукты", "переезде в Казань", "работе в Польше", "учёбе в Праге", "визах в Германию", "ипотеке", "очередях в ЦОНах",
         "новых налогах", "коммунальных тарифах", "зарплатах в бюджетной сфере", "отъезде друзей", "жизни в Астане", "курсе тенге",
         "ценах на бензин", "закрытии завода", "вакансиях в Корее", "гражданстве России", "аренде жилья"],
        ["этой весной", "после январских событий", "уже третий месяц", "в последние недели", "каждый вечер", "с начала года",
         "на прошлой неделе", "всё лето", "после выборов", "перед Наурызом", "в выходные", "по утрам"],
        ["в Павлодаре", "в Караганде", "в домовых чатах", "на кухнях", "в очередях", "на работе", "в Telegram", "во дворах",
         "на форумах", "в маршрутках", "в Усть-Каменогорске", "в Актобе"],
        ["По данным опроса, так считают {0} человек из {1}.", "За месяц в миграционную службу обратились {1} жителей района.",
         "Средняя зарплата в отрасли, по словам собеседников, около {1} тысяч тенге.", "Из {1} выпускников прошлого года уехали {0}.",
         "Аренда квартиры подорожала на {0} процентов.", "На собрание пришли {0} человек."],
        "Сибирская правда", "Читайте также", "Все права защищены. Перепечатка только со ссылкой.",
        ["Главная", "Новости", "Общество", "Экономика", "Регион", "Мнения", "Контакты"],
        (p, r) => $"{p[0]} {p[3]} {p[4]} {p[1]} {p[2]}.");

    private static readonly Vocabulary Kk = new("kk",
        ["Павлодар тұрғындары", "Жас мамандар", "Көптеген отбасылар", "Шымкенттік студенттер", "Аудандық аурухана дәрігерлері",
         "Ауыл мұғалімдері", "Бағдарламашылар", "Зейнеткерлер", "Университет түлектері", "Кәсіпкерлер", "Такси жүргізушілері", "Фермерлер",
         "Ата-аналар", "Құрылысшылар", "Көршілер", "Мейірбикелер", "Қарағанды кеншілері", "Базардағы сатушылар"],
        ["туралы айтады", "туралы жиі сөйлейді", "туралы пікір таластырады", "туралы алаңдайды", "туралы жазады", "туралы ойлайды",
         "туралы әңгімелейді", "туралы сұрайды", "туралы армандайды", "туралы шағымданады", "туралы оқиды", "туралы үндемейді"],
        ["азық-түлік бағасы", "шетелге көшу", "Польшадағы жұмыс", "Прагадағы оқу", "Германия визасы", "ипотека", "ХҚКО-дағы кезек",
         "жаңа салықтар", "коммуналдық тарифтер", "бюджеттік саладағы жалақы", "достардың кетуі", "Астанадағы өмір", "теңге бағамы",
         "бензин бағасы", "зауыттың жабылуы", "Кореядағы бос орындар", "пәтер жалдау", "туыстардың көшуі"],
        ["биыл көктемде", "қаңтар оқиғаларынан кейін", "үшінші ай бойы", "соңғы апталарда", "күн сайын кешке", "жыл басынан бері",
         "өткен аптада", "жаз бойы", "сайлаудан кейін", "Наурыз алдында", "демалыс күндері", "таңертең"],
        ["Павлодарда", "Қарағандыда", "үй чаттарында", "ас үйлерде", "кезекте", "жұмыста", "Telegram арнасында", "аулаларда",
         "форумдарда", "автобуста", "Өскеменде", "Ақтөбеде"],
        ["Сауалнама бойынша, {1} адамның {0}-і осылай ойлайды.", "Бір айда көші-қон қызметіне аудандағы {1} тұрғын жүгінді.",
         "Салалық жалақы шамамен {1} мың теңге дейді сұхбаттастар.", "Өткен жылғы {1} түлектің {0}-і кетіп қалды.",
         "Пәтер жалдау {0} пайызға қымбаттады.", "Жиналысқа {0} адам келді."],
        "Qazaqline", "Тағы оқыңыз", "Барлық құқықтар қорғалған. Сілтемемен ғана көшіріңіз.",
        ["Басты бет", "Жаңалықтар", "Қоғам", "Экономика", "Аймақ", "Пікір", "Байланыс"],
        (p, r) => $"{p[0]} {p[3]} {p[4]} {p[2]} {p[1]}.");

    private static readonly Vocabulary En = new("en",
        ["Residents of Pavlodar", "Young engineers", "Many families", "Students in Shymkent", "Doctors at the district hospital",
         "Rural teachers", "Software developers", "Pensioners", "University graduates", "Small business owners", "Taxi drivers", "Farmers",
         "Parents of schoolchildren", "Construction workers", "Neighbours", "Nurses", "Miners in Karaganda", "Market traders"],
        ["keep talking about", "argue about", "write about", "worry about", "tell stories about", "dream about", "complain about",
         "ask friends about", "joke about", "read about", "stay silent about", "count the cost of"],
        ["rising food prices", "moving to Kazan", "jobs in Poland", "studying in Prague", "German visas", "mortgage rates",
         "queues at service centres", "new taxes", "utility tariffs", "public sector wages", "friends who left", "life in Astana",
         "the tenge exchange rate", "petrol prices", "the plant closure", "vacancies in Korea", "Russian citizenship", "rising rents"],
        ["this spring", "since the January events", "for the third month", "in recent weeks", "every evening", "since the new year",
         "last week", "all summer", "after the election", "before Nauryz", "at weekends", "in the mornings"],
        ["in Pavlodar", "in Karaganda", "in building chats", "around kitchen tables", "in queues", "at work", "on Telegram",
         "in courtyards", "on forums", "on minibuses", "in Oskemen", "in Aktobe"],
        ["A survey found that {0} people out of {1} share this view.", "In one month {1} residents of the district applied to the migration service.",
         "Wages in the sector are about {1} thousand tenge, people say.", "Of last year's {1} graduates, {0} have left.",
         "Rents went up by {0} percent.", "{0} people came to the meeting."],
        "Steppe Wire", "Read also", "All rights reserved. Republication only with a link.",
        ["Home", "News", "Society", "Economy", "Region", "Opinion", "Contact"],
        (p, r) => $"{p[0]} {p[1]} {p[2]} {p[4]} {p[3]}.");

    /// <summary>The language of item <paramref name="item"/>: ru for half, kk and en for a quarter each.</summary>
    public static string Language(int item) => Pick(item).Code;

    private static Vocabulary Pick(int item) => (item & 3) switch { 0 or 1 => Ru, 2 => Kk, _ => En };

    /// <summary>Publication time of an item: one every 7 minutes going back from a fixed instant, Almaty time.</summary>
    public static DateTimeOffset Published(int item) =>
        new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.FromHours(5)).AddMinutes(-7L * item);

    public static string Title(int item)
    {
        var v = Pick(item);
        var r = new Random(item * 31 + 7);
        return $"{v.Subjects[r.Next(v.Subjects.Length)]} {v.Verbs[r.Next(v.Verbs.Length)]} {v.Objects[r.Next(v.Objects.Length)]} ({item})";
    }

    /// <summary>The article's paragraphs (its ground-truth main text).</summary>
    public static IReadOnlyList<string> Paragraphs(int item)
    {
        var v = Pick(item);
        var r = new Random(item);
        var paragraphs = new List<string>();
        for (int p = 0, count = r.Next(5, 9); p < count; p++)
        {
            var sb = new StringBuilder();
            for (int s = 0, sentences = r.Next(3, 6); s < sentences; s++)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (r.Next(4) == 0)
                    sb.Append(string.Format(CultureInfo.InvariantCulture, v.Figures[r.Next(v.Figures.Length)], r.Next(3, 98), r.Next(100, 990)));
                else
                    sb.Append(v.Sentence([v.Subjects[r.Next(v.Subjects.Length)], v.Verbs[r.Next(v.Verbs.Length)], v.Objects[r.Next(v.Objects.Length)],
                        v.Times[r.Next(v.Times.Length)], v.Places[r.Next(v.Places.Length)]], r));
            }
            paragraphs.Add(sb.ToString());
        }
        return paragraphs;
    }

    /// <summary>A whole article page: navigation, headline, time, paragraphs, related links and footer.</summary>
    public static string Page(int item, Func<int, string> link)
    {
        var v = Pick(item);
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var sb = new StringBuilder(8192);
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(v.Code).Append("\"><head><meta charset=\"utf-8\">\n<title>")
          .Append(e(Title(item))).Append(" | ").Append(e(v.SiteName)).Append("</title>\n<meta property=\"article:published_time\" content=\"")
          .Append(Published(item).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">\n</head><body>\n<header><nav><ul>");
        foreach (var section in v.Sections) sb.Append("<li><a href=\"/").Append(e(section.ToLowerInvariant())).Append("\">").Append(e(section)).Append("</a></li>");
        sb.Append("</ul></nav></header>\n<main><article>\n<h1>").Append(e(Title(item))).Append("</h1>\n<time datetime=\"")
          .Append(Published(item).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">")
          .Append(Published(item).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)).Append("</time>\n");
        foreach (var paragraph in Paragraphs(item)) sb.Append("<p>").Append(e(paragraph)).Append("</p>\n");
        sb.Append("</article>\n<aside><h3>").Append(e(v.ReadAlso)).Append("</h3><ul>");
        for (var k = 1; k <= 4; k++)
            sb.Append("<li><a href=\"").Append(e(link(item + k))).Append("\">").Append(e(Title(item + k))).Append("</a></li>");
        sb.Append("</ul></aside></main>\n<footer><p>© 2026 ").Append(e(v.SiteName)).Append(". ").Append(e(v.Footer)).Append("</p></footer>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>An RSS 2.0 feed listing <paramref name="items"/>, newest first, each with its link, title and pubDate.</summary>
    public static string Feed(string title, string siteUrl, IEnumerable<int> items, Func<int, string> link)
    {
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\n<title>").Append(e(title)).Append("</title>\n<link>")
          .Append(e(siteUrl)).Append("</link>\n<description>").Append(e(title)).Append("</description>\n");
        foreach (var item in items)
            sb.Append("<item><title>").Append(e(Title(item))).Append("</title><link>").Append(e(link(item))).Append("</link><guid>")
              .Append(e(link(item))).Append("</guid><pubDate>").Append(Published(item).ToString("r", CultureInfo.InvariantCulture)).Append("</pubDate></item>\n");
        sb.Append("</channel></rss>\n");
        return sb.ToString();
    }
}
