using NlpPipeline.Core.Analysis;
using Xunit;

namespace NlpPipeline.Tests.Core.Analysis;

public sealed class EventsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nlp-events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"events-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_ValidFile_ParsesEveryEvent()
    {
        var path = Write("""
            {
              // comments are allowed
              "events": [
                {"name": "January unrest", "start": "2022-01-02", "end": "2022-01-11", "description": "Protests over fuel prices."},
                {"name": "Relocation wave", "start": "2022-09-21", "end": null},
                {"name": "One day", "start": "2014-02-11", "end": "2014-02-11"}
              ]
            }
            """);

        var events = EventsFile.Load(path);

        Assert.Equal(3, events.Count);
        Assert.Equal(new ResearchEvent("January unrest", new DateOnly(2022, 1, 2), new DateOnly(2022, 1, 11), "Protests over fuel prices."), events[0]);
        Assert.Equal(new ResearchEvent("Relocation wave", new DateOnly(2022, 9, 21), null, null), events[1]);
        Assert.Equal(events[2].Start, events[2].End);
    }

    [Fact]
    public void Load_UnknownKey_NamesIndexAndKey()
    {
        var path = Write("""{"events": [{"name": "A", "start": "2022-01-02"}, {"name": "B", "start": "2022-01-02", "ende": "2022-01-03"}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("events[1]", ex.Message);
        Assert.Contains("\"ende\"", ex.Message);
    }

    [Theory]
    [InlineData("02.01.2022")]
    [InlineData("2022-1-2")]
    [InlineData("2022-13-01")]
    [InlineData("2022-02-30")]
    public void Load_BadStartDate_NamesIndexAndField(string date)
    {
        var path = Write($$"""{"events": [{"name": "A", "start": "{{date}}"}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("events[0]", ex.Message);
        Assert.Contains("\"start\"", ex.Message);
        Assert.Contains(date, ex.Message);
    }

    [Fact]
    public void Load_EndBeforeStart_NamesIndexAndEnd()
    {
        var path = Write("""{"events": [{"name": "A", "start": "2022-01-01"}, {"name": "B", "start": "2022-01-11", "end": "2022-01-02"}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("events[1]", ex.Message);
        Assert.Contains("end 2022-01-02 is before start 2022-01-11", ex.Message);
    }

    [Fact]
    public void Load_DuplicateNameDifferentCase_NamesTheEvent()
    {
        var path = Write("""{"events": [{"name": "January unrest", "start": "2022-01-02"}, {"name": "january Unrest", "start": "2022-01-05"}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("January unrest", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("more than once", ex.Message);
    }

    [Fact]
    public void Load_MissingName_NamesIndexAndField()
    {
        var path = Write("""{"events": [{"start": "2022-01-02"}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("events[0]", ex.Message);
        Assert.Contains("missing \"name\"", ex.Message);
    }

    [Fact]
    public void Load_DateAsNumber_NamesField()
    {
        var path = Write("""{"events": [{"name": "A", "start": 20220102}]}""");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains("events[0]: \"start\" must be a string", ex.Message);
    }

    [Fact]
    public void Load_InvalidJson_NamesLine()
    {
        var path = Write("{\n  \"events\": [\n    {\"name\": \"A\", \"start\": \"2022-01-02\",}\n  ]\n}");
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(path));
        Assert.Contains($"{path}:3:", ex.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"event": []}""")]
    [InlineData("""{"events": {}}""")]
    public void Load_NoEventsArray_Throws(string json)
    {
        var ex = Assert.Throws<FormatException>(() => EventsFile.Load(Write(json)));
        Assert.Contains("\"events\" array", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => EventsFile.Load(Path.Combine(_dir, "absent.json")));
    }
}
