namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>A clock that stands still until a test moves it: nightly runs days apart, within one test.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
