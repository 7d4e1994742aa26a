using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>How <see cref="LabelReliability"/> pairs files, joins them to the corpus, and restricts the model to the test part.</summary>
public sealed class LabelReliabilityTests
{
    /// <summary>30 passages: five each in kk, ru and en (none and planning), and 15 more English none, so the fixed split puts a few in the test part.</summary>
    private static readonly IReadOnlyList<AnnotatedPassage> Corpus = BuildCorpus();

    private static List<AnnotatedPassage> BuildCorpus()
    {
        var list = new List<AnnotatedPassage>();
        foreach (var language in new[] { Language.Kazakh, Language.Russian, Language.English })
            for (var i = 0; i < 5; i++)
                list.Add(new AnnotatedPassage($"{language.ToWire()}-{i}", $"text {language.ToWire()} {i}", language,
                    i % 2 == 0 ? Intent.None : Intent.Planning, i % 3 == 0 ? [Topic.Jobs] : [], i < 2 ? Sentiment.Negative : Sentiment.Neutral,
                    SourceKind.Social, "a1", null));
        for (var i = 5; i < 20; i++)
            list.Add(new AnnotatedPassage($"en-{i}", $"text en {i}", Language.English, Intent.None, [], Sentiment.Neutral, SourceKind.News, "a1", null));
        return list;
    }

    private static SecondAnnotationFile File(string name, IEnumerable<string> ids, Func<AnnotatedPassage, SecondAnnotation>? relabel = null)
    {
        var byId = Corpus.ToDictionary(p => p.Id);
        return new SecondAnnotationFile(name + ".jsonl", name, ids.Select(id => relabel?.Invoke(byId[id])
            ?? new SecondAnnotation(id, byId[id].Intent, byId[id].Topics, byId[id].Sentiment, name, null)).ToList());
    }

    [Fact]
    public void Measure_TwoFiles_EachAgainstCorpusAndThePairOnCommonIdsOnly()
    {
        var a = File("a31", ["kk-0", "kk-1", "ru-0", "ru-1"]);
        // a32 says planning wherever the corpus says none.
        var b = File("a32", ["ru-0", "ru-1", "en-0", "en-1", "en-2"],
            p => new SecondAnnotation(p.Id, Intent.Planning, p.Topics, p.Sentiment, "a32", null));

        var r = LabelReliability.Measure("corpus", Corpus, [a, b], model: null, resamples: 0);

        Assert.Equal(["a31", "a32"], r.AgainstCorpus.Select(x => x.Other));
        Assert.All(r.AgainstCorpus, x => Assert.Equal("corpus", x.Reference));
        Assert.Equal(1.0, r.AgainstCorpus[0].Overall.Intent!.Observed.Value);
        // a32 against the corpus: ru-0, en-0, en-2 are none in the corpus, so 2 of 5 agree.
        Assert.Equal(0.4, r.AgainstCorpus[1].Overall.Intent!.Observed.Value);
        var pair = Assert.Single(r.BetweenFiles);
        Assert.Equal(("a31", "a32", 2), (pair.Reference, pair.Other, pair.Passages));
        Assert.Equal(["all", "ru"], pair.Groups.Select(g => g.Language));
        // On ru-0 (none/planning) and ru-1 (planning/planning): one of two.
        Assert.Equal(0.5, pair.Overall.Intent!.Observed.Value);
        Assert.Null(r.Model);
        Assert.Equal([4, 5], r.Files.Select(f => f.Passages));
    }

    [Fact]
    public void Measure_TopicsOnlyReadings_CompareTopicsAloneAgainstCorpusAndEachOther()
    {
        // The corpus tags jobs on kk-0, kk-3, ru-0, ru-3. Reading b1 misses kk-3's and adds one on kk-1; b2 agrees with the corpus.
        SecondAnnotation Read(AnnotatedPassage p, string reader, IReadOnlyList<Topic> topics) => new(p.Id, null, topics, null, reader, null);
        var ids = new[] { "kk-0", "kk-1", "kk-3", "ru-0", "ru-3" };
        var b1 = File("first", ids, p => Read(p, "b1", p.Id switch { "kk-3" => [], "kk-1" => [Topic.Jobs], _ => p.Topics }));
        var b2 = File("second", ids, p => Read(p, "b2", p.Topics));
        // A full second annotation that says planning everywhere: its intent is compared, but not against a topics-only reading.
        var a = File("a31", ids, p => new SecondAnnotation(p.Id, Intent.Planning, p.Topics, p.Sentiment, "a31", null));

        var r = LabelReliability.Measure("corpus", Corpus, [b1, b2, a], model: null, resamples: 0);

        Assert.Equal([LabelTasks.Topics, LabelTasks.Topics, LabelTasks.All], r.Files.Select(f => f.Tasks));
        var first = r.AgainstCorpus[0];
        Assert.Null(first.Overall.Intent);
        Assert.Null(first.Overall.Sentiment);
        Assert.Null(first.IntentConfusion);
        // 3 true, 1 false, 1 missed: micro-F1 6 / 8.
        Assert.Equal(0.75, first.Overall.Topics!.MicroF1.Value, 4);
        var jobs = first.Overall.Topics.PerTopic.Single(t => t.Topic == "jobs");
        Assert.Equal((3, 1, 1, 0), (jobs.Both, jobs.ReferenceOnly, jobs.OtherOnly, jobs.Neither));
        Assert.Equal(1.0, r.AgainstCorpus[1].Overall.Topics!.MicroF1.Value, 4);
        Assert.NotNull(r.AgainstCorpus[2].Overall.Intent);
        Assert.Equal(3, r.BetweenFiles.Count);
        Assert.All(r.BetweenFiles, p => Assert.Null(p.Overall.Intent));
        Assert.Equal(0.75, r.BetweenFiles.Single(p => (p.Reference, p.Other) == ("first", "second")).Overall.Topics!.MicroF1.Value, 4);

        var table = new StringWriter();
        ReliabilityTable.Write(table, r);
        var text = table.ToString();
        Assert.Contains("| first | all | 5 | – | – | – | – | – | – | 0.750 ", text);
        Assert.Contains("first: first.jsonl, annotator(s) b1, 5 passages, topics only", text);
        Assert.Contains("Partial readings (first: topics, second: topics)", text);
        Assert.DoesNotContain("Intent (rows: corpus, columns: first)", text);
        Assert.Contains("Intent (rows: corpus, columns: a31)", text);
    }

    [Fact]
    public void Measure_SentimentOnlyReadings_CompareSentimentAloneAndAreNotPairedWithTopicReadings()
    {
        // The corpus: kk-0, kk-1 negative, kk-2..kk-4 neutral. Reader s1 calls kk-1 neutral and kk-3 positive; s2 agrees with the corpus.
        SecondAnnotation Read(AnnotatedPassage p, string reader, Sentiment s) => new(p.Id, null, null, s, reader, null);
        var ids = new[] { "kk-0", "kk-1", "kk-2", "kk-3", "kk-4" };
        var s1 = File("sent-first", ids, p => Read(p, "b49", p.Id switch { "kk-1" => Sentiment.Neutral, "kk-3" => Sentiment.Positive, _ => p.Sentiment }));
        var s2 = File("sent-second", ids, p => Read(p, "b73", p.Sentiment));
        var topics = File("first", ids, p => new SecondAnnotation(p.Id, null, [], null, "b1", null));

        var r = LabelReliability.Measure("corpus", Corpus, [s1, s2, topics], model: null, resamples: 0);

        Assert.Equal([LabelTasks.Sentiment, LabelTasks.Sentiment, LabelTasks.Topics], r.Files.Select(f => f.Tasks));
        var first = r.AgainstCorpus[0];
        Assert.Equal(LabelTasks.Sentiment, first.Tasks);
        Assert.Equal(["sentiment"], first.Compared);
        Assert.Null(first.Overall.Intent);
        Assert.Null(first.Overall.Topics);
        Assert.Null(first.IntentConfusion);
        Assert.Equal(0.6, first.Overall.Sentiment!.Observed.Value, 4);
        // Rows: the corpus (negative, neutral, positive); columns: the reader.
        Assert.Equal([[1, 1, 0], [0, 2, 1], [0, 0, 0]], first.SentimentConfusion!.Counts);
        // The two sentiment readings are paired on sentiment; neither is paired with the topic reading.
        var pair = Assert.Single(r.BetweenFiles);
        Assert.Equal(("sent-first", "sent-second", LabelTasks.Sentiment), (pair.Reference, pair.Other, pair.Tasks));
        Assert.Equal(0.6, pair.Overall.Sentiment!.Observed.Value, 4);

        var table = new StringWriter();
        ReliabilityTable.Write(table, r);
        var text = table.ToString();
        Assert.Contains("| sent-first | all | 5 | – | – | – | 0.600 ", text);
        var row = text.Split('\n').Single(l => l.StartsWith("| sent-first | all |"));
        Assert.EndsWith("| – | – |", row.TrimEnd());
        Assert.Contains("sent-first: sent-first.jsonl, annotator(s) b49, 5 passages, sentiment only", text);
        Assert.Contains("Sentiment (rows: corpus, columns: sent-first)", text);
        Assert.DoesNotContain("Topics, each as present/absent, all passages", text.Split("## sent-first against corpus")[1].Split("## ")[0]);
    }

    [Fact]
    public void Measure_FilesWithNoCommonIds_NoPair()
    {
        var r = LabelReliability.Measure("corpus", Corpus, [File("a31", ["kk-0"]), File("a32", ["kk-1"])], model: null, resamples: 0);
        Assert.Empty(r.BetweenFiles);
    }

    [Fact]
    public void Measure_WithModel_ScoresOnlyTheTestPartOnceAndCountsWhatWasLeftOut()
    {
        var split = CorpusSplit.Assign(Corpus);
        var ids = Corpus.Select(p => p.Id).ToList();
        var inTest = ids.Where(id => split[id] == Split.Test).ToList();
        var notInTest = ids.Where(id => split[id] != Split.Test).ToList();
        Assert.True(inTest.Count >= 3, "the fixture needs a few test passages");
        // a31 holds every test passage and five others; a32 the first two test passages and two others.
        var a = File("a31", inTest.Concat(notInTest.Take(5)));
        var b = File("a32", inTest.Take(2).Concat(notInTest.Skip(5).Take(2)));
        var asked = new List<string>();
        var calls = 0;
        // A model that says "staying" and no topic whatever it reads.
        var model = new LabelReliability.ModelScoring("test-model", passages =>
        {
            calls++;
            asked.AddRange(passages.Select(p => p.Id));
            return passages.Select(_ => new PassageLabels(Intent.Staying, Sentiment.Neutral, new HashSet<Topic>())).ToList();
        });

        var r = LabelReliability.Measure("corpus", Corpus, [a, b], model, resamples: 0);

        Assert.Equal(1, calls);
        Assert.Equal(inTest.Order(), asked.Order());
        var side = r.Model!;
        Assert.Equal("test-model", side.Version);
        Assert.Equal([(inTest.Count, 5), (2, 2)], side.PerFile.Select(m => (m.InTestPart, m.NotInTestPart)));
        foreach (var m in side.PerFile)
        {
            Assert.Equal(m.InTestPart, m.Model!.Passages);
            Assert.Equal(m.InTestPart, m.Annotator!.Passages);
            Assert.Equal("model", m.Model.Other);
            Assert.Equal(0.0, m.Model.Overall.Intent!.Observed.Value);
            Assert.Equal(1.0, m.Annotator.Overall.Intent!.Observed.Value);
        }
        // The second annotation against the corpus still covers every passage of the file.
        Assert.Equal(inTest.Count + 5, r.AgainstCorpus[0].Passages);
    }

    [Fact]
    public void Measure_WithModelAndNoFilePassageInTestPart_ModelSideIsEmptyButCounted()
    {
        var split = CorpusSplit.Assign(Corpus);
        var train = Corpus.Select(p => p.Id).Where(id => split[id] != Split.Test).Take(3).ToList();
        var model = new LabelReliability.ModelScoring("m", ps => ps.Select(_ => new PassageLabels(Intent.None, Sentiment.Neutral, new HashSet<Topic>())).ToList());

        var r = LabelReliability.Measure("corpus", Corpus, [File("a31", train)], model, resamples: 0);

        var m = Assert.Single(r.Model!.PerFile);
        Assert.Equal((0, 3), (m.InTestPart, m.NotInTestPart));
        Assert.Null(m.Model);
        Assert.Null(m.Annotator);
    }
}
