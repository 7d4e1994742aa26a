using System.Text;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Tests.Core.Text;

/// <summary>
/// Hand-written pairs in Kazakh, Russian and English: the same story with other site furniture, with one
/// sentence changed, cut short, and a different story on the same topic (which must not match).
/// </summary>
public sealed class NearDuplicatesTests
{
    private const string EnOriginal = """
        Several Almaty software companies say they are opening offices in Tbilisi and Warsaw after the five-day internet shutdown in early January cost them contracts with foreign clients.

        "We lost a week of work and nearly lost our biggest customer," said the founder of one outsourcing firm, who asked not to be named. "Our clients need to know we will be online tomorrow." His company has already moved twelve developers and their families to Georgia, and paid for their flights and first month of rent.

        Industry groups warn that the country risks losing the young specialists it spent a decade training, unless the government guarantees that the internet will not be switched off again.
        """;

    private const string EnOtherFurniture = """
        Syndicated from Steppe Wire. Photo: archive.

        Several Almaty software companies say they are opening offices in Tbilisi and Warsaw after the five-day internet shutdown in early January cost them contracts with foreign clients.

        "We lost a week of work and nearly lost our biggest customer," said the founder of one outsourcing firm, who asked not to be named. "Our clients need to know we will be online tomorrow." His company has already moved twelve developers and their families to Georgia, and paid for their flights and first month of rent.

        Read also: Tenge slides again as oil prices fall.

        Industry groups warn that the country risks losing the young specialists it spent a decade training, unless the government guarantees that the internet will not be switched off again.

        Follow us on Telegram and share this story with your friends.
        """;

    private const string EnSentenceChanged = """
        Several Almaty software companies say they are opening offices in Tbilisi and Warsaw after the five-day internet shutdown in early January cost them contracts with foreign clients.

        "We lost a week of work and nearly lost our biggest customer," said the founder of one outsourcing firm, who asked not to be named. "Our clients need to know we will be online tomorrow." By the end of January his firm had relocated fifteen engineers with their families to Batumi and Tbilisi.

        Industry groups warn that the country risks losing the young specialists it spent a decade training, unless the government guarantees that the internet will not be switched off again.
        """;

    private const string EnSameTopicOther = """
        Kazakhstan's tech sector is counting the cost of January. A survey by the Association of IT Companies found that one in five member firms is considering moving at least part of its staff abroad, most often to Georgia, Armenia or Poland.

        Developers interviewed for this story described a mix of fear and pragmatism. "Nobody wants to leave their parents," said a 27-year-old backend engineer from Almaty. "But the internet is our workplace, and when it disappears, so does our salary."

        The ministry of digital development said the shutdown was a one-off security measure and promised compensation for affected businesses, though it gave no figures or timetable.
        """;

    private const string RuOriginal = """
        С начала года в центры обслуживания населения Павлодара обратились почти вдвое больше жителей, чем обычно: люди массово оформляют заграничные паспорта.

        По словам сотрудников ЦОНа, очереди выстраиваются с семи утра, а записаться онлайн на ближайшие две недели уже невозможно. Большинство заявителей — молодые семьи и студенты, которые рассказывают, что собираются учиться или работать в России, Польше и Германии.

        В департаменте полиции пообещали открыть дополнительные окна приёма и продлить часы работы до девяти вечера, чтобы справиться с наплывом.
        """;

    private const string RuOtherFurniture = """
        Новости Павлодара | 17.01.2022

        С начала года в центры обслуживания населения Павлодара обратились почти вдвое больше жителей, чем обычно: люди массово оформляют заграничные паспорта.

        Читайте также: Цены на бензин выросли в трёх областях.

        По словам сотрудников ЦОНа, очереди выстраиваются с семи утра, а записаться онлайн на ближайшие две недели уже невозможно. Большинство заявителей — молодые семьи и студенты, которые рассказывают, что собираются учиться или работать в России, Польше и Германии.

        В департаменте полиции пообещали открыть дополнительные окна приёма и продлить часы работы до девяти вечера, чтобы справиться с наплывом.

        Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости региона.
        """;

    private const string RuSentenceChanged = """
        С начала года в центры обслуживания населения Павлодара обратились почти вдвое больше жителей, чем обычно: люди массово оформляют заграничные паспорта.

        По словам сотрудников ЦОНа, очереди выстраиваются с семи утра, а записаться онлайн на ближайшие две недели уже невозможно. Среди заявителей много выпускников колледжей, которые ищут работу на стройках и в логистике за рубежом.

        В департаменте полиции пообещали открыть дополнительные окна приёма и продлить часы работы до девяти вечера, чтобы справиться с наплывом.
        """;

    private const string RuSameTopicOther = """
        В Павлодаре выросли очереди за заграничными паспортами. Корреспондент побывал в центре обслуживания населения на улице Кутузова и поговорил с теми, кто решил уехать.

        Двадцатичетырёхлетний Арман говорит, что копил на переезд два года и теперь ждёт только документов: в Новосибирске его уже ждёт место сварщика. Пенсионерка Галина Петровна пришла за паспортом для внучки, которая поступила в университет в Варшаве.

        Социологи связывают рост спроса на паспорта не столько с январскими событиями, сколько с ростом цен и низкими зарплатами в регионе.
        """;

    private const string KkOriginal = """
        Жаңаөзенде сұйытылған газдың бағасы бір түнде екі есе өсіп, литрі 120 теңгеге жетті. Жұмыскерлер мен тұрғындар қала алаңына жиналып, бағаны бұрынғы деңгейге қайтаруды талап етті.

        Жергілікті әкімдік бағаның өсуін биржалық саудаға көшумен түсіндірді. Алайда наразылар көліксіз жұмысқа жете алмайтынын, ал жалақы бірнеше жылдан бері өзгермегенін айтады. Кейбір отбасылар жағдай түзелмесе, басқа облыстарға немесе шетелге көшуді ойлап жүргенін жасырмайды.

        Облыс әкімі наразыларды тыңдауға уәде беріп, энергетика министрлігімен кездесу өтетінін хабарлады.
        """;

    private const string KkOtherFurniture = """
        Жарнама

        Жаңаөзенде сұйытылған газдың бағасы бір түнде екі есе өсіп, литрі 120 теңгеге жетті. Жұмыскерлер мен тұрғындар қала алаңына жиналып, бағаны бұрынғы деңгейге қайтаруды талап етті.

        Жергілікті әкімдік бағаның өсуін биржалық саудаға көшумен түсіндірді. Алайда наразылар көліксіз жұмысқа жете алмайтынын, ал жалақы бірнеше жылдан бері өзгермегенін айтады. Кейбір отбасылар жағдай түзелмесе, басқа облыстарға немесе шетелге көшуді ойлап жүргенін жасырмайды.

        Облыс әкімі наразыларды тыңдауға уәде беріп, энергетика министрлігімен кездесу өтетінін хабарлады.

        Жаңалықтарды Telegram арнамыздан оқыңыз.
        """;

    private const string KkSentenceChanged = """
        Жаңаөзенде сұйытылған газдың бағасы бір түнде екі есе өсіп, литрі 120 теңгеге жетті. Жұмыскерлер мен тұрғындар қала алаңына жиналып, бағаны бұрынғы деңгейге қайтаруды талап етті.

        Жергілікті әкімдік бағаның өсуін биржалық саудаға көшумен түсіндірді. Алайда наразылар көліксіз жұмысқа жете алмайтынын, ал жалақы бірнеше жылдан бері өзгермегенін айтады. Жастардың бір бөлігі Ақтауға немесе Ресейдің мұнай кәсіпорындарына жұмысқа кетуге дайын екенін айтты.

        Облыс әкімі наразыларды тыңдауға уәде беріп, энергетика министрлігімен кездесу өтетінін хабарлады.
        """;

    private const string KkSameTopicOther = """
        Маңғыстау облысында газ бағасына қатысты наразылық екінші күнге созылды. Ақтау мен Жаңаөзен көшелеріне шыққан адамдар тек бағаны ғана емес, жұмыссыздық пен тұрмыс жағдайын да сөз етті.

        Мұнайшы Ерлан ағаның айтуынша, отбасын асырау күн сайын қиындап барады: жалақының жартысы несиеге кетеді, балалары оқуды бітірсе де жұмыс таба алмай отыр. Көрші ауылдан келген жас келіншек күйеуі Қазан қаласына жұмысқа кеткенін айтты.

        Үкімет газ бағасын уақытша шектеу туралы шешім қабылдады, бірақ тұрғындар бұл уәдеге сенбейтінін жеткізді.
        """;

    private static bool Near(string a, string b, out double jaccard) =>
        NearDuplicates.AreNearDuplicates(NearDuplicates.Shingle(a), NearDuplicates.Shingle(b), out jaccard);

    private static bool ShareBand(string a, string b) =>
        NearDuplicates.BandKeys(NearDuplicates.Shingle(a)).Intersect(NearDuplicates.BandKeys(NearDuplicates.Shingle(b))).Any();

    public static TheoryData<string, string, string> SameStory => new()
    {
        { "en furniture", EnOriginal, EnOtherFurniture },
        { "en sentence", EnOriginal, EnSentenceChanged },
        { "ru furniture", RuOriginal, RuOtherFurniture },
        { "ru sentence", RuOriginal, RuSentenceChanged },
        { "kk furniture", KkOriginal, KkOtherFurniture },
        { "kk sentence", KkOriginal, KkSentenceChanged },
    };

    public static TheoryData<string, string, string> OtherStory => new()
    {
        { "en", EnOriginal, EnSameTopicOther },
        { "ru", RuOriginal, RuSameTopicOther },
        { "kk", KkOriginal, KkSameTopicOther },
        { "en vs ru", EnOriginal, RuOriginal },
    };

    [Theory]
    [MemberData(nameof(SameStory))]
    public void AreNearDuplicates_SameStoryOtherFurnitureOrOneSentenceChanged_True(string pair, string a, string b)
    {
        Assert.True(Near(a, b, out var j), $"{pair}: Jaccard {j:0.00}");
        Assert.InRange(j, NearDuplicates.MinJaccard, 0.99);
        Assert.True(ShareBand(a, b), $"{pair}: the copy must be found through the band index");
    }

    [Theory]
    [MemberData(nameof(OtherStory))]
    public void AreNearDuplicates_DifferentStorySameTopic_False(string pair, string a, string b)
    {
        Assert.False(Near(a, b, out var j), $"{pair}: Jaccard {j:0.00}");
        Assert.InRange(j, 0, 0.1);
    }

    private static ShingleSet Set(int from, int count, params int[][] more) =>
        new(100, Enumerable.Range(from, count).Concat(more.SelectMany(m => m)).Select(i => (ulong)i).ToHashSet());

    [Fact]
    public void AreNearDuplicates_MostlyContainedAndAtLeastHalfTheSize_TrueBelowJaccardThreshold()
    {
        var copy = Set(0, 60);                                                     // 50 of its 60 shingles are in the story
        var story = Set(10, 120);

        Assert.True(NearDuplicates.AreNearDuplicates(copy, story, out var j));
        Assert.Equal(50 / 130.0, j, 6);
        var (_, containment, ratio) = NearDuplicates.Compare(copy, story);
        Assert.Equal(50 / 60.0, containment, 6);
        Assert.Equal(0.5, ratio, 6);
    }

    [Fact]
    public void AreNearDuplicates_ContainedButUnderHalfTheSize_False()
    {
        Assert.False(NearDuplicates.AreNearDuplicates(Set(0, 40), Set(0, 100), out var j));
        Assert.Equal(0.4, j, 6);
    }

    [Fact]
    public void AreNearDuplicates_StoryWithAnotherWholeStoryAppended_False()
    {
        Assert.False(Near(RuOriginal, RuOriginal + "\n\n" + RuSameTopicOther, out var j), $"Jaccard {j:0.00}");
    }

    [Fact]
    public void AreNearDuplicates_ShortPostsDifferingInANumber_NotComparedAtAll()
    {
        const string monday = "Курс доллара на бирже KASE сегодня открылся на отметке 431 тенге, евро стоит 489 тенге, рубль 5,8 тенге. Обменники в Алматы продают доллар по 435.";
        const string tuesday = "Курс доллара на бирже KASE сегодня открылся на отметке 433 тенге, евро стоит 489 тенге, рубль 5,8 тенге. Обменники в Алматы продают доллар по 437.";

        var a = NearDuplicates.Shingle(monday);
        Assert.False(a.IsComparable);
        Assert.Empty(NearDuplicates.BandKeys(a));
        Assert.False(NearDuplicates.AreNearDuplicates(a, NearDuplicates.Shingle(tuesday), out _));
        Assert.False(NearDuplicates.AreNearDuplicates(a, a, out _));
    }

    /// <summary>Stored band keys must not change with the code that computes them: the vectorised signature (four seeds
    /// per 256-bit vector) gives the one-seed-at-a-time values bit for bit, on sets of every size.</summary>
    [Fact]
    public void Signature_Vectorized_EqualsOneSeedAtATime_BitForBit()
    {
        var random = new Random(7);
        foreach (var size in new[] { 1, 2, 3, 5, 47, 48, 200, 1_000 })
        {
            var hashes = new HashSet<ulong>();
            while (hashes.Count < size) hashes.Add((ulong)random.NextInt64(long.MinValue, long.MaxValue));
            Assert.Equal(NearDuplicates.Signature(hashes), NearDuplicates.SignatureVectorized(hashes));
            var sorted = new SortedSet<ulong>(hashes);   // not a HashSet: the other enumeration path
            Assert.Equal(NearDuplicates.Signature(sorted), NearDuplicates.SignatureVectorized(sorted));
        }
        var text = NearDuplicates.Shingle(KkOriginal).Hashes;
        Assert.Equal(NearDuplicates.Signature(text), NearDuplicates.SignatureVectorized(text));
    }

    [Fact]
    public void BandKeys_SameTextTwice_SameKeysAndCount()
    {
        var a = NearDuplicates.BandKeys(NearDuplicates.Shingle(KkOriginal));
        var b = NearDuplicates.BandKeys(NearDuplicates.Shingle(KkOriginal.ToUpperInvariant().Replace("\n\n", " ")));

        Assert.Equal(NearDuplicates.Bands, a.Count);
        Assert.Equal(a, b);
        Assert.Equal(NearDuplicates.Bands, a.Distinct().Count());
    }

    [Fact]
    public void Shingle_CountsWordsOfFeatureForm()
    {
        var s = NearDuplicates.Shingle("Ещё один «день» — и всё.");

        Assert.Equal(5, s.Words);
        Assert.Equal(2, s.Hashes.Count);
        Assert.Equal(s.Hashes, NearDuplicates.Shingle("еще ОДИН день и все").Hashes);
    }

    /// <summary>The shingles from a rented word buffer and a presized set are those of the plain definition: FNV-1a over
    /// each four consecutive words (runs of letters and digits of the feature form) joined by spaces, on texts of every
    /// length (none, fewer than four words, long ones) in three languages.</summary>
    [Fact]
    public void ShingleFeatureText_EqualsPlainDefinition()
    {
        static (int Words, HashSet<ulong> Hashes) Plain(string features)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            foreach (var c in features + " ")
            {
                if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
                if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
            }
            var hashes = new HashSet<ulong>();
            for (var i = 0; i + NearDuplicates.ShingleWords <= words.Count; i++)
            {
                var h = 14695981039346656037UL;
                foreach (var c in string.Concat(words.Skip(i).Take(NearDuplicates.ShingleWords).Select(w => w + " "))) h = (h ^ c) * 1099511628211UL;
                hashes.Add(h);
            }
            return (words.Count, hashes);
        }
        foreach (var text in new[] { "", "...", "бір екі үш", "бір екі үш төрт", KkOriginal, EnOriginal + EnOriginal, string.Concat(Enumerable.Repeat(KkOriginal, 30)) })
        {
            var features = TextNormalizer.ForFeatures(text);
            var (words, hashes) = Plain(features);
            var shingles = NearDuplicates.ShingleFeatureText(features);
            Assert.Equal(words, shingles.Words);
            Assert.True(hashes.SetEquals(shingles.Hashes));
            Assert.Equal(hashes.Count, shingles.Hashes.Count);
        }
    }
}
