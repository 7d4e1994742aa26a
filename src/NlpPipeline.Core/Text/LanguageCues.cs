using System.Collections.Frozen;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Word lists and endings the language identifier weighs. Function words are chosen because they
/// are frequent in their language and rare as words of the others (Russian "и", "не" versus Kazakh
/// "және", "емес"); endings are weak hints for Kazakh text that happens to lack Kazakh-only letters.
/// </summary>
internal static class LanguageCues
{
    public static readonly FrozenSet<char> KazakhCyrillicLetters = "әғқңөұүһі".ToFrozenSet();

    // Letters of the 2021 Kazakh Latin alphabet and of common informal spellings that English lacks.
    public static readonly FrozenSet<char> KazakhLatinLetters = "äğıñöūüşçįý".ToFrozenSet();

    public static readonly Words KazakhWords = Set(
        "мен", "сен", "ол", "біз", "сіз", "олар", "және", "бен", "пен", "да", "де", "бұл", "осы", "сол",
        "бар", "жоқ", "емес", "деп", "үшін", "туралы", "бойынша", "кейін", "дейін", "бірақ", "немесе", "егер",
        "әлі", "енді", "қазір", "жыл", "жылы", "көп", "аз", "бір", "екі", "үш", "мына", "анау", "керек", "болды",
        "болып", "болса", "еді", "екен", "ғой", "ғана", "тек", "барлық", "бәрі", "неге", "қалай", "қайда", "кім",
        "не", "ма", "ме", "ба", "бе", "па", "пе", "жоқпыз", "барады", "келеді", "кетті", "кетеді", "айтты", "деді",
        "мұнда", "онда", "сонда", "шетел", "шетелге", "елден", "елде", "ел", "адам", "адамдар", "жастар", "бала",
        "балалар", "үй", "жұмыс", "ақша", "баға", "өте", "тағы", "сияқты", "арқылы", "қарай", "жаңа", "ескі", "сондықтан");

    public static readonly Words RussianWords = Set(
        "и", "в", "во", "не", "на", "что", "это", "как", "с", "со", "по", "к", "ко", "у", "о", "об", "от", "из", "за",
        "для", "но", "а", "же", "ли", "бы", "или", "так", "уже", "еще", "ещё", "только", "если", "когда", "где", "чтобы",
        "я", "ты", "он", "она", "мы", "вы", "они", "его", "ее", "её", "их", "мне", "нам", "вам", "меня", "себя", "свой",
        "был", "была", "были", "будет", "есть", "нет", "очень", "все", "всё", "всех", "этот", "эта", "эти", "тоже",
        "при", "после", "до", "над", "под", "между", "через", "без", "про", "который", "которые", "которая", "году",
        "года", "лет", "даже", "потому", "почему", "здесь", "там", "тут", "сейчас", "можно", "нужно", "надо", "просто",
        "вот", "ну", "да", "нас", "них", "чем", "тем", "том", "этом", "также", "сказал", "заявил", "теперь", "страны",
        "хоть", "тоже", "вообще", "короче", "спасибо", "давно", "лучше", "хуже", "дома", "куда", "никуда", "пока", "тогда",
        "потом", "сразу", "опять", "снова", "совсем", "ничего", "всегда", "никогда", "больше", "меньше", "кто", "мой", "моя",
        "наш", "наша", "свои", "этого", "того", "тех", "что-то", "наконец", "уже", "жизнь", "людей", "денег", "работу");

    public static readonly Words EnglishWords = Set(
        "the", "and", "of", "to", "in", "is", "are", "was", "were", "a", "an", "that", "this", "it", "for", "on", "with",
        "as", "by", "at", "from", "be", "have", "has", "had", "not", "but", "or", "they", "we", "you", "he", "she",
        "i", "my", "our", "their", "his", "her", "its", "will", "would", "can", "could", "there", "what", "which",
        "who", "when", "where", "how", "why", "if", "so", "than", "then", "about", "after", "into", "more", "people",
        "just", "do", "does", "did", "been", "no", "all", "out", "up", "me", "them", "said", "also", "because");

    public static readonly Words KazakhLatinWords = Set(
        "men", "sen", "ol", "biz", "siz", "olar", "jäne", "jane", "bul", "osy", "sol", "bar", "joq", "jok", "emes",
        "dep", "üşin", "ushin", "turaly", "boiynşa", "boyinsha", "keiin", "keyin", "biraq", "birak", "nemese",
        "eger", "äli", "endi", "qazir", "kazir", "jyl", "jyly", "köp", "kop", "bir", "eki", "kerek", "boldy", "edi",
        "eken", "ğoi", "goi", "ğana", "tek", "bäri", "bari", "nege", "qalai", "kalai", "qaida", "kaida", "kim",
        "ma", "me", "ba", "be", "şetel", "shetel", "shetelge", "el", "adam", "adamdar", "jastar", "bala", "jūmys",
        "jumys", "aqşa", "aksha", "aqsha", "baǵa", "bağa", "öte", "ote", "tağy", "tagy", "rahmet", "raqmet", "qazaq", "kazak",
        "bizdin", "sizdin", "menin", "senin", "onyn", "bizge", "sizge", "bugin", "keshe", "erten", "zhok", "zhaksy", "jaqsy",
        "zhane", "bolady", "degen", "sonda", "barlyk", "barlygy", "zhyl", "zhyly", "aldym", "keldim", "ketti", "ketip",
        "zhatyr", "jatyr", "otyr", "emespin", "kashan", "ush", "tort", "bes", "aka", "apa", "balalar", "kyz", "zhigit",
        "jigit", "kazirgi", "sebebi", "shyn", "shynymen");

    /// <summary>
    /// Function words of Kyrgyz and Tatar, which share ө ү ң (and Tatar ә һ) with Kazakh but not its
    /// vocabulary: "жана" not "және", "үчүн" not "үшін", "һәм" and "белән".
    /// </summary>
    public static readonly Words OtherCyrillicWords = Set(
        "жана", "үчүн", "эмес", "дагы", "анан", "бирок", "эле", "эч", "кандай", "болот", "келет", "кыргыз", "кыргызстан",
        "һәм", "белән", "өчен", "түгел", "кебек", "иде", "булды", "татар", "татарстан", "бик", "хәзер");

    /// <summary>Russian endings as they look in Latin transliteration ("zatopilo", "ponravilos", "priglashaem").</summary>
    public static readonly Endings RussianLatinEndings = new(
        ["ogo", "ego", "aya", "yaya", "ykh", "ikh", "ilo", "ili", "ala", "aet", "aem", "ayut", "yut", "uyu", "ovat", "evat",
         "tsya", "sya", "los", "nyi", "nyy", "skii", "skiy", "skaya", "ovali"]);

    /// <summary>Russian typed in Latin letters, as in chats ("svet vyklyuchili s utra", "nikto ne preduprezhdal").</summary>
    public static readonly Words RussianLatinWords = Set(
        "kto", "znaet", "znayu", "budu", "cherez", "zhdu", "ty", "vy", "oni", "nash", "nasha", "dom", "doma", "vsekh",
        "vseh", "tam", "tut", "zdes", "prosto", "pravda", "rabota", "rabotu", "dengi",
        "ne", "na", "pro", "kak", "chto", "shto", "eto", "uzhe", "vse", "vsyo", "vsio", "net", "ya", "tolko", "ochen",
        "seichas", "sejchas", "sechas", "kogda", "potom", "poka", "spasibo", "privet", "nikto", "nichego", "kazhdyi",
        "kazhdy", "kuda", "gde", "tozhe", "budet", "bylo", "byl", "byla", "mozhno", "nado", "nuzhno", "pochemu", "zhe",
        "menya", "tebya", "nas", "vas", "nam", "vam", "ego", "ee", "ikh", "ikh", "mne", "tebe", "svoi", "svoy", "esli",
        "chtoby", "potomu", "dazhe", "voobshe", "voobshche", "korotko", "koroche", "davai", "davay", "khorosho", "horosho",
        "plokho", "ploho", "slishkom", "sovsem", "opyat", "snova", "vezde", "nikogda", "vsegda", "segodnya", "zavtra", "vchera");

    /// <summary>
    /// Frequent function words of other Latin-script languages that share letters with Kazakh Latin
    /// (German ä ö ü, Turkish ç ş ğ ı): their presence marks a clause as neither kk nor en.
    /// </summary>
    public static readonly Words OtherLatinWords = Set(
        "und", "die", "der", "das", "nicht", "ist", "wir", "zu", "ich", "sie", "mit", "auf", "für", "sind", "nach", "weil",
        "hier", "eine", "ein", "auch", "dass", "sehr", "noch", "aber", "oder", "wie", "seit", "dort", "ve", "bu", "için",
        "daha", "çok", "ile", "değil", "gibi", "olarak", "ama", "var", "yok", "çünkü", "şey", "kadar", "sonra", "ancak",
        "iyi", "istiyor", "dışına", "yurt",
        "va", "bilan", "uchun", "ham", "lekin", "juda", "emas", "yoki", "qilib", "haqida", "kabi", "yaxshi", "hozir", "o'z", "ko'p", "bo'lib");

    public static readonly Endings KazakhEndings = new(
        ["ады", "еді", "йды", "йді", "мыз", "мын", "сыз", "лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың",
         "тың", "ған", "ген", "қан", "кен", "тын", "тін", "атын", "етін", "ымыз", "ында", "інде", "ынан", "інен",
         // the same endings typed on a Russian keyboard (і → и, ң → н, ғ → г, қ → к), as much Kazakh online is
         // (only endings Russian words do not have: not "-уда" of "туда", "-еди" of "среди", "-ган" of "орган")
         "нын", "нин", "дын", "дин", "тин", "сиз", "инде", "инен", "пты", "пти", "майды", "мейди", "ушин"]);

    public static readonly Endings RussianEndings = new(
        ["ого", "его", "ому", "ему", "ыми", "ими", "ться", "тся", "ение", "ость", "ного", "ный", "ная", "ное", "ные",
         "ать", "ять", "ить", "ешь", "ишь", "ует", "ают", "яют", "ство", "ции", "ция", "ией", "ями", "ами", "ах", "ях", "ой",
         "али", "или", "ыли", "ела", "ило", "ался", "ется", "ются", "уть"]);

    public static readonly Endings KazakhLatinEndings = new(
        ["lar", "ler", "dar", "der", "tar", "ter", "nyñ", "nyn", "nin", "dyñ", "dyn", "din", "tyn", "tin", "ğan", "gen", "qan",
         "ken", "ady", "edi", "myz", "miz", "myn", "min", "ga", "ge", "dan", "den", "tan", "ten", "nan", "nen", "ypty", "ipti",
         "dym", "dim", "tym", "tim", "mady", "medi", "syz", "siz"]);

    public static readonly Endings EnglishEndings = new(["tion", "ing", "ment", "ness", "ould", "ight", "ous", "ally"]);

    public static bool EndsWithAny(ReadOnlySpan<char> word, Endings endings) => endings.EndOf(word);

    private static Words Set(params string[] words) => new(words);

    /// <summary>A word list, looked up by a span (a word lower-cased into a buffer) as well as by a string.</summary>
    public sealed class Words
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Words(IEnumerable<string> words) => _lookup = words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
    }

    /// <summary>
    /// A list of word endings, grouped by their last character: a word is compared only with the endings that end as it
    /// does, and only when it is at least two characters longer than the ending.
    /// </summary>
    public sealed class Endings
    {
        private readonly FrozenDictionary<char, string[]> _byLast;

        public Endings(string[] endings) => _byLast = endings.GroupBy(e => e[^1]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

        public bool EndOf(ReadOnlySpan<char> word)
        {
            if (word.Length == 0 || !_byLast.TryGetValue(word[^1], out var endings)) return false;
            foreach (var e in endings)
                if (word.Length > e.Length + 1 && word.EndsWith(e)) return true;
            return false;
        }
    }
}
