using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp langid`: one LABEL&lt;TAB&gt;CONFIDENCE line per input line, in order.</summary>
public sealed class LangIdTests
{
    [Fact]
    public async Task LangId_Stdin_WritesLabelAndConfidencePerLine()
    {
        var input = string.Join('\n',
            "Біздің ауылда жұмыс жоқ, жастар қалаға кетіп жатыр.",
            "Очередь в ЦОН с шести утра, а талонов уже нет.",
            "Two years in Prague now and no regrets.",
            "Bızdıñ auylda jūmys joq, jastar qalağa ketıp jatyr.",
            "Канадаға кетейік деп едік, но подсчитали — денег не хватит, язык не знаем.",
            "👍👍",
            "",
            "Ми плануємо переїхати до Польщі наступного року.");
        var env = new AppEnvironment(TimeProvider.System, new HttpClientHandler(), new StringReader(input));
        var r = await NlpCli.RunAsync(env, "langid");

        Assert.Equal(0, r.ExitCode);
        var lines = r.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(8, lines.Length);
        var labels = lines.Select(l => l.Split('\t')[0]).ToArray();
        Assert.Equal(["kk", "ru", "en", "kk", "mixed", "other", "other", "other"], labels);
        foreach (var l in lines)
        {
            var confidence = double.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(confidence, 0, 1);
        }
    }
}
