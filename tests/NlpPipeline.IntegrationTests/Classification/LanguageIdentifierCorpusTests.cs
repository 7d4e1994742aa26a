using System.Security.Cryptography;
using System.Text;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5 (speed): the rule-based language identifier weighs each word as a lower-cased span instead of a string per
/// clause and per word. Over every annotated corpus passage it must give exactly what the string-per-word version gave:
/// the fixture holds that version's full analysis (shares per language, letter counts, evidence, the guess and its
/// confidence) of each passage, hashed, with a hash of the passage's text so that a passage reworded since is skipped.
/// </summary>
public sealed class LanguageIdentifierCorpusTests
{
    [Fact]
    public void Analysis_OfEveryCorpusPassage_IsWhatTheStringPerWordVersionGave()
    {
        var expected = File.ReadLines(Path.Combine(TestPaths.Fixtures, "Unit", "Languages", "corpus-analyses.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => (Text: f[1], Analysis: f[2], Language: f[3]));
        Assert.True(expected.Count > 14_000, $"{expected.Count} passages in the fixture");
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var languages = new LanguageIdentifier();
        var compared = 0;
        var wrong = new List<string>();
        foreach (var p in corpus)
        {
            if (!expected.TryGetValue(p.Id, out var e) || Hash(p.Text) != e.Text) continue;
            compared++;
            var a = languages.Analyze(p.Text);
            var line = FormattableString.Invariant(
                $"{string.Join(",", a.Shares.Select(kv => $"{kv.Key}={kv.Value:R}"))};{a.Letters};{a.CyrillicLetters};{a.LatinLetters};{a.Evidence:R};{a.Guess.Language};{a.Guess.Confidence:R}");
            if (Hash(line) != e.Analysis || a.Guess.Language.ToString() != e.Language) wrong.Add($"{p.Id}: {line} (was {e.Language})");
        }
        // The corpus may grow or be reworded after the fixture was made (session 16's §6 clean-up reworded 624 passages'
        // attributions: 13,692 of the 14,458 remain unchanged); most of it must still be there to compare.
        Assert.True(compared >= expected.Count * 90 / 100, $"only {compared} of {expected.Count} fixture passages found unchanged in the corpus");
        Assert.True(wrong.Count == 0, $"{wrong.Count} passages analysed differently, e.g. {string.Join("; ", wrong.Take(5))}");
    }

    /// <summary>A clause without a cue is still handed to the caller's model as its own text (the hybrid identifier asks Lingua about it).</summary>
    [Fact]
    public void UnreadClause_IsAskedWithTheClauseText()
    {
        var asked = new List<string>();
        var analysis = new LanguageIdentifier().Analyze("Brrr zzzzk plimf grook, the people said.", c => { asked.Add(c); return NlpPipeline.Core.Labels.Language.Other; });
        Assert.Equal(["Brrr zzzzk plimf grook"], asked);
        Assert.Equal(2, analysis.Shares.Count);
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..8];
}
