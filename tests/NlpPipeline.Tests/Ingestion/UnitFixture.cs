namespace NlpPipeline.Tests.Ingestion;

/// <summary>Files under tests/Fixtures/Unit, copied next to the test assembly.</summary>
internal static class UnitFixture
{
    public static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", "Unit", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));
}
