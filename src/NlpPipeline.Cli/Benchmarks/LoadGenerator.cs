using System.Diagnostics;
using System.Text;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>What <see cref="LoadGenerator"/> writes: about <see cref="Passages"/> passages from <see cref="Sources"/> sources
/// over <see cref="Years"/> years ending <see cref="End"/>, labelled by model <see cref="ModelVersion"/>.</summary>
internal sealed record LoadOptions(long Passages, int Sources = 40, int Years = 10, int Seed = 1, string ModelVersion = LoadGenerator.DefaultModelVersion)
{
    /// <summary>Index the passages for search after the fill (as ingest does); false leaves them in <c>passage_search_pending</c>,
    /// for the first search (or <c>nlp db index</c>) to index.</summary>
    public bool IndexForSearch { get; init; } = true;

    public DateTimeOffset End { get; init; } = new(2026, 6, 29, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>What a fill did, and how fast.</summary>
internal sealed record LoadResult(long Documents, long Passages, TimeSpan Elapsed, TimeSpan Generating, TimeSpan StoringDocuments, TimeSpan StoringPredictions,
    TimeSpan Indexing)
{
    /// <summary>This process's CPU time (all threads) while storing documents and passages: what a machine shared with
    /// other work does not inflate. Storing uses two threads, so up to twice <see cref="StoringDocuments"/>.</summary>
    public TimeSpan StoringDocumentsCpu { get; init; }

    /// <summary>CPU time of the thread that writes (<see cref="DocumentStore.SaveAll"/>'s caller) while storing documents and
    /// passages; the rest of <see cref="StoringDocumentsCpu"/> is the second thread preparing documents.</summary>
    public TimeSpan StoringDocumentsWriterCpu { get; init; }

    /// <summary>This process's CPU time while storing predictions with the weekly aggregates, and while indexing for search.</summary>
    public TimeSpan StoringPredictionsCpu { get; init; }

    public TimeSpan IndexingCpu { get; init; }

    /// <summary>The whole fill: storing, scoring and indexing for search.</summary>
    public double PassagesPerSecond => Passages / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Documents and passages through <see cref="DocumentStore.SaveAll"/>: the store insert rate.</summary>
    public double StoredPassagesPerSecond => Passages / Math.Max(StoringDocuments.TotalSeconds, 1e-9);

    public double IndexedPassagesPerSecond => Passages / Math.Max(Indexing.TotalSeconds, 1e-9);
}

/// <summary>
/// Fills a store with synthetic load through the real write paths: documents with their passages through
/// <see cref="DocumentStore.SaveAll"/> (ingest's rules, duplicate detection included, about 16,384 passages' documents per
/// transaction, the write-ahead log checkpointed on another thread: <see cref="BackgroundCheckpoints"/>) and predictions
/// through <see cref="PredictionStore.Save"/> (drawn in batches of 2,048 as classify scores them, saved 16,384 at a time,
/// weekly aggregates included); at the end the passages are indexed for search (<see cref="PassageSearchIndex"/>), as ingest
/// does when it finishes. Sources are a mix of news feeds (longer articles, 1–8 passages of 150–1,200 characters) and Telegram
/// channels (posts of 1–2 short passages); documents are kk 30 %, ru 50 %, en 10 %, mixed 10 %, with about one passage
/// in ten in another language; about 2 % have no publication date. Labels are drawn, not predicted (intent none 80 %,
/// each topic 7 %, sentiment 40/40/20 negative/neutral/positive). The text is filler for size, not a corpus: never
/// train on it. The same options and seed give the same store.
/// </summary>
internal sealed class LoadGenerator(NlpDatabase db, LoadOptions options, Action<string>? progress = null)
{
    public const string DefaultModelVersion = "bench-synthetic-1";
    private const int PredictionBatch = 2048;

    /// <summary>Passages whose documents go to one <see cref="DocumentStore.SaveAll"/> (one transaction). Each commit rewrites
    /// every index page its documents touched; larger transactions touch each page for more documents.</summary>
    private const int DocumentBatch = 16_384;

    /// <summary>Predictions saved per <see cref="PredictionStore.Save"/> (one transaction). Labels are drawn every
    /// <see cref="PredictionBatch"/> passages and saved in larger transactions: each one rewrites the weekly-aggregate pages
    /// its rows fall on, spread over every week.</summary>
    private const int PredictionSaveBatch = 16_384;

    private readonly List<(long PassageId, PassageScores Scores)> _unsaved = [];

    private readonly Random _random = new(options.Seed);

    public LoadResult Fill(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var sources = RegisterSources();
        var predictions = new PredictionStore(db);
        predictions.RegisterModel(new ModelRecord(options.ModelVersion, options.End, new string('0', 64), 0.5, "{\"synthetic\": true}"));
        var documents = new DocumentStore(db);
        var start = options.End.AddYears(-options.Years);
        var span = (options.End - start).TotalSeconds;
        long stored = 0, docs = 0, scoredUpTo = 0, nextReport = 0;
        var batch = new List<(Document, IReadOnlyList<Passage>, LanguageGuess)>();
        using var checkpoints = BackgroundCheckpoints.Start(db);
        var planned = 0L;
        TimeSpan mark = clock.Elapsed, generating = default, storingDocuments = default, storingDocumentsCpu = default, writerCpu = default, storingPredictions = default, predictionsCpu = default;
        while (stored < options.Passages)
        {
            ct.ThrowIfCancellationRequested();
            var source = sources[_random.Next(sources.Count)];
            var published = start.AddSeconds(_random.NextDouble() * span);
            var document = Document(source, docs + batch.Count, published, out var passages, out var language);
            batch.Add((document, passages, language));
            planned += passages.Count;
            if (planned < DocumentBatch && stored + planned < options.Passages) continue;
            generating += clock.Elapsed - mark;
            mark = clock.Elapsed;
            var cpu = Environment.CpuUsage.TotalTime;
            var thread = ThreadCpu.Now();
            checkpoints.Throttle();
            var outcomes = documents.SaveAll(batch, null);
            checkpoints.Nudge();
            writerCpu += ThreadCpu.Now() - thread;
            storingDocuments += clock.Elapsed - mark;
            storingDocumentsCpu += Environment.CpuUsage.TotalTime - cpu;
            mark = clock.Elapsed;
            docs += batch.Count;
            stored += outcomes.Sum(o => o.Passages);
            batch.Clear();
            planned = 0;
            cpu = Environment.CpuUsage.TotalTime;
            scoredUpTo = Score(predictions, scoredUpTo, checkpoints);
            predictionsCpu += Environment.CpuUsage.TotalTime - cpu;
            storingPredictions += clock.Elapsed - mark;
            if (stored >= nextReport)
            {
                progress?.Invoke($"{stored:N0} passages in {docs:N0} documents, {stored / clock.Elapsed.TotalSeconds:N0} passages/s");
                nextReport += Math.Max(50_000, options.Passages / 20);
            }
            mark = clock.Elapsed;
        }
        var lastCpu = Environment.CpuUsage.TotalTime;
        SavePredictions(predictions);
        predictionsCpu += Environment.CpuUsage.TotalTime - lastCpu;
        storingPredictions += clock.Elapsed - mark;
        mark = clock.Elapsed;
        var flushCpu = Environment.CpuUsage.TotalTime;
        var flushThread = ThreadCpu.Now();
        documents.FlushBands();   // the band rows still pending: part of storing
        writerCpu += ThreadCpu.Now() - flushThread;
        storingDocumentsCpu += Environment.CpuUsage.TotalTime - flushCpu;
        storingDocuments += clock.Elapsed - mark;
        mark = clock.Elapsed;
        var indexCpu = Environment.CpuUsage.TotalTime;
        if (options.IndexForSearch)
        {
            progress?.Invoke($"{stored:N0} passages stored; indexing them for search");
            new PassageSearchIndex(db).CatchUp(ct);   // as ingest does when it finishes
        }
        else progress?.Invoke($"{stored:N0} passages stored; not indexed for search (--no-index): they wait in passage_search_pending");
        var indexing = clock.Elapsed - mark;
        indexCpu = Environment.CpuUsage.TotalTime - indexCpu;
        return new LoadResult(docs, stored, clock.Elapsed, generating, storingDocuments, storingPredictions, indexing) { StoringDocumentsCpu = storingDocumentsCpu, StoringDocumentsWriterCpu = writerCpu,
            StoringPredictionsCpu = predictionsCpu, IndexingCpu = indexCpu };
    }

    /// <summary>Labels every passage not yet scored (ids above <paramref name="after"/>), in batches; returns the highest id scored.</summary>
    private long Score(PredictionStore predictions, long after, BackgroundCheckpoints checkpoints)
    {
        while (true)
        {
            var batch = predictions.NextUnscored(options.ModelVersion, PredictionBatch, after);
            if (batch.Count == 0) return after;
            _unsaved.AddRange(batch.Select(b => (b.PassageId, Labels())));
            if (_unsaved.Count >= PredictionSaveBatch)
            {
                checkpoints.Throttle();
                SavePredictions(predictions);
                checkpoints.Nudge();
            }
            after = batch[^1].PassageId;
        }
    }

    private void SavePredictions(PredictionStore predictions)
    {
        predictions.Save(_unsaved);
        _unsaved.Clear();
    }

    private sealed record SyntheticSource(string Id, SourceKind Kind, Language Language);

    private List<SyntheticSource> RegisterSources()
    {
        var runs = new RunStore(db);
        var list = new List<SyntheticSource>();
        for (var i = 0; i < options.Sources; i++)
        {
            var kind = i % 4 == 3 ? SourceKind.Social : SourceKind.News;
            var language = (i % 10) switch { 0 or 1 or 2 => Language.Kazakh, 3 or 4 or 5 or 6 or 7 => Language.Russian, 8 => Language.English, _ => Language.Mixed };
            var id = $"bench-{i:D2}";
            var outlet = $"Bench Outlet {i / 2 + 1:D2}";   // two sources per outlet, as kk and ru editions often are
            var url = kind == SourceKind.Social ? new Uri($"https://t.me/s/bench{i:D2}") : new Uri($"https://outlet{i / 2 + 1:D2}.bench.example/{i}/rss");
            runs.UpsertSource(new Source(id, outlet, kind == SourceKind.Social ? SourceType.Telegram : SourceType.Feed, url, language, kind));
            list.Add(new SyntheticSource(id, kind, language));
        }
        return list;
    }

    private Document Document(SyntheticSource source, long n, DateTimeOffset published, out List<Passage> passages, out LanguageGuess language)
    {
        var documentLanguage = DocumentLanguage(source.Language);
        var count = source.Kind == SourceKind.Social ? 1 + (_random.NextDouble() < 0.2 ? 1 : 0) : 1 + _random.Next(8);
        passages = [];
        for (var i = 0; i < count; i++)
        {
            var l = _random.NextDouble() < 0.1 ? DocumentLanguage(Language.Russian) : documentLanguage;
            var length = source.Kind == SourceKind.Social ? 40 + _random.Next(360) : 150 + _random.Next(1050);
            passages.Add(new Passage(i, Text(l, length, n, i), l, 0.9));
        }
        language = new LanguageGuess(documentLanguage, 0.9);
        var url = new Uri(source.Kind == SourceKind.Social ? $"https://t.me/{source.Id}/{n}" : $"https://{source.Id}.bench.example/news/{n}");
        var undated = _random.NextDouble() < 0.02;
        var fetched = published.AddMinutes(5 + _random.Next(36 * 60));
        return new Document(url, url, source.Id, fetched, undated ? null : published.ToOffset(TimeSpan.FromHours(5)), $"Bench {n}",
            passages.Select(p => p.Text).ToList());
    }

    private Language DocumentLanguage(Language sourceLanguage)
    {
        var x = _random.NextDouble();
        if (x < 0.7) return sourceLanguage;   // a source mostly writes in its own language
        return x < 0.79 ? Language.Kazakh : x < 0.94 ? Language.Russian : x < 0.97 ? Language.English : Language.Mixed;
    }

    /// <summary>Filler of about <paramref name="length"/> characters from the language's words, unique by document and passage.</summary>
    private string Text(Language language, int length, long document, int passage)
    {
        var words = language switch
        {
            Language.Kazakh => Kazakh,
            Language.English => English,
            Language.Mixed => _random.Next(2) == 0 ? Kazakh : Russian,
            _ => Russian,
        };
        var sb = new StringBuilder(length + 32);
        sb.Append('№').Append(document).Append('.').Append(passage).Append(' ');
        var sentence = 0;
        while (sb.Length < length)
        {
            var word = words[_random.Next(words.Length)];
            sb.Append(sentence == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentence++;
            if (sentence > 6 && _random.Next(6) == 0)
            {
                sb.Append(". ");
                sentence = 0;
                if (language == Language.Mixed) words = words == Kazakh ? Russian : Kazakh;
            }
            else sb.Append(' ');
        }
        return sb.ToString().TrimEnd() + ".";
    }

    private PassageScores Labels()
    {
        var intent = DrawIntent();
        var topics = LabelNames.Topics.All.Where(_ => _random.NextDouble() < 0.07).ToList();
        var sentiment = _random.NextDouble() switch { < 0.4 => Sentiment.Negative, < 0.8 => Sentiment.Neutral, _ => Sentiment.Positive };
        var strength = (float)(0.5 + _random.NextDouble() * 0.45);
        var rest = (1 - strength) / 2;
        var sentimentProbs = LabelNames.Sentiments.All.ToDictionary(s => s, s => s == sentiment ? strength : rest);
        return new PassageScores(options.ModelVersion, intent,
            LabelNames.Intents.All.ToDictionary(i => i, i => i == intent ? 0.75f : 0.05f), topics,
            LabelNames.Topics.All.ToDictionary(t => t, t => topics.Contains(t) ? 0.7f : 0.05f), sentiment, sentimentProbs);
    }

    private Intent DrawIntent()
    {
        var x = _random.NextDouble();
        return x switch { < 0.80 => Intent.None, < 0.88 => Intent.Discussion, < 0.93 => Intent.Considering, < 0.96 => Intent.Planning, < 0.98 => Intent.Departed, _ => Intent.Staying };
    }

    private static readonly string[] Kazakh =
    [
        "елде", "жастар", "жұмыс", "табыс", "баға", "қымбат", "шетел", "көшу", "отбасы", "бала", "мектеп", "университет", "ауыл", "қала",
        "үкімет", "әкімдік", "жалақы", "несие", "пәтер", "жол", "аурухана", "дәрігер", "мұғалім", "тіл", "қазақ", "орыс", "болашақ", "үміт",
        "қиын", "жақсы", "жаңа", "ескі", "көп", "аз", "бүгін", "ертең", "биыл", "өткен", "жыл", "ай", "апта", "туралы", "үшін", "бірақ",
        "және", "сондықтан", "мүмкін", "керек", "айтты", "жазды", "көрді", "келді", "кетті", "тұрады", "істейді", "оқиды", "сатып", "алды",
    ];

    private static readonly string[] Russian =
    [
        "в", "на", "и", "но", "что", "как", "люди", "молодёжь", "работа", "зарплата", "цены", "выросли", "уехать", "переезд", "семья",
        "дети", "школа", "университет", "город", "село", "власти", "акимат", "кредит", "квартира", "аренда", "дорога", "больница", "врач",
        "учитель", "язык", "будущее", "надежда", "трудно", "хорошо", "новый", "старый", "много", "мало", "сегодня", "завтра", "в этом году",
        "прошлый", "неделя", "месяц", "поэтому", "может быть", "нужно", "сказал", "написал", "приехал", "уехал", "живёт", "работает",
        "учится", "купил", "продал", "граница", "виза", "документы", "очередь", "тенге", "доллар", "новости", "сообщил", "депутат",
    ];

    private static readonly string[] English =
    [
        "the", "a", "and", "but", "in", "on", "of", "people", "young", "jobs", "wages", "prices", "rose", "leave", "move", "family",
        "children", "school", "university", "city", "village", "government", "officials", "loan", "rent", "road", "hospital", "doctor",
        "teacher", "language", "future", "hope", "hard", "good", "new", "old", "many", "few", "today", "tomorrow", "this year", "last",
        "week", "month", "so", "maybe", "must", "said", "wrote", "arrived", "left", "lives", "works", "studies", "border", "visa",
        "documents", "queue", "tenge", "dollar", "reported", "minister", "Almaty", "Astana", "Kazakhstan", "abroad",
    ];
}
