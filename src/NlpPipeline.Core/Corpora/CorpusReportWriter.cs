using System.Globalization;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

/// <summary>Prints corpus statistics as plain tables: language × label counts and shares, lengths, split, duplication, targets.</summary>
public static class CorpusReportWriter
{
    public static void Write(TextWriter w, string source, CorpusStats stats, IReadOnlyList<string> unmet, CorpusTargets targets)
    {
        var inv = CultureInfo.InvariantCulture;
        var languages = LabelNames.Languages.All.Where(stats.ByLanguage.ContainsKey).ToList();
        w.WriteLine($"Corpus {source}: {stats.Passages} passages");
        w.WriteLine();
        w.WriteLine($"{"language",-9}{"passages",9}{"news",7}{"social",7}{"len min",9}{"p10",6}{"median",7}{"p90",6}{"max",6}{"train",7}{"dev",6}{"test",6}");
        foreach (var l in languages)
        {
            var s = stats.ByLanguage[l];
            w.WriteLine($"{l.ToWire(),-9}{s.Passages,9}{s.SourceKinds.GetValueOrDefault(SourceKind.News),7}{s.SourceKinds.GetValueOrDefault(SourceKind.Social),7}" +
                        $"{s.Lengths.Min,9}{s.Lengths.P10,6}{s.Lengths.Median,7}{s.Lengths.P90,6}{s.Lengths.Max,6}" +
                        $"{s.Splits.GetValueOrDefault(Split.Train),7}{s.Splits.GetValueOrDefault(Split.Dev),6}{s.Splits.GetValueOrDefault(Split.Test),6}");
        }
        Table(w, "intent (passages, share of the language)", languages, LabelNames.Intents, l => stats.ByLanguage[l].Intents, stats, share: true);
        Table(w, "sentiment (passages, share of the language)", languages, LabelNames.Sentiments, l => stats.ByLanguage[l].Sentiments, stats, share: true);
        Table(w, "topics (passages tagged)", languages, LabelNames.Topics, l => stats.ByLanguage[l].Topics, stats, share: false);

        w.WriteLine();
        w.WriteLine("test passages per language × intent (the fixed split, stratified by language and intent, by id hash):");
        foreach (var l in languages)
        {
            var s = stats.ByLanguage[l];
            var cells = LabelNames.Intents.All.Select(i =>
            {
                var total = Enum.GetValues<Split>().Sum(sp => s.IntentSplits.GetValueOrDefault((i, sp)));
                var test = s.IntentSplits.GetValueOrDefault((i, Split.Test));
                return total == 0 ? $"{i.ToWire()} -" : $"{i.ToWire()} {test}/{total}";
            });
            w.WriteLine($"  {l.ToWire(),-6} {string.Join(", ", cells)}");
        }

        w.WriteLine();
        w.WriteLine($"Exact duplicates: {stats.ExactDuplicates.Count}");
        foreach (var (id, other) in stats.ExactDuplicates.Take(20)) w.WriteLine($"  {id} = {other}");
        var nearIds = stats.NearDuplicates.Select(n => n.Id).Distinct().Count();
        w.WriteLine(string.Format(inv, "Near-duplicates (passages sharing a run of {0} words with another): {1} of {2}, {3:0.00} % (target below {4:0} %)",
            CorpusChecker.ShingleWords, nearIds, stats.Passages, stats.NearDuplicateShare * 100, targets.MaxNearDuplicateShare * 100));
        foreach (var n in stats.NearDuplicates.Take(20)) w.WriteLine($"  {n.Id} ~ {n.OtherId}: \"{n.SharedRun}\"");
        if (stats.NearDuplicates.Count > 20) w.WriteLine($"  … and {stats.NearDuplicates.Count - 20} more");

        w.WriteLine();
        if (unmet.Count == 0) w.WriteLine("Targets: all met.");
        else
        {
            w.WriteLine($"Targets not met ({unmet.Count}):");
            foreach (var u in unmet) w.WriteLine("  - " + u);
        }
    }

    private static void Table<T>(TextWriter w, string title, IReadOnlyList<Language> languages, WireNames<T> labels,
        Func<Language, IReadOnlyDictionary<T, int>> counts, CorpusStats stats, bool share) where T : struct, Enum
    {
        w.WriteLine();
        w.WriteLine(title + ":");
        var width = Math.Max(9, labels.Names.Max(n => n.Length) + 1);
        w.WriteLine($"  {"",-7}" + string.Concat(labels.Names.Select(n => n.PadLeft(width))));
        foreach (var l in languages)
        {
            var c = counts(l);
            var n = stats.ByLanguage[l].Passages;
            var cells = labels.All.Select(label =>
            {
                var k = c.GetValueOrDefault(label);
                var text = share ? $"{k} {100.0 * k / n:0}%" : k.ToString(CultureInfo.InvariantCulture);
                return text.PadLeft(width);
            });
            w.WriteLine($"  {l.ToWire(),-7}" + string.Concat(cells));
        }
    }
}
