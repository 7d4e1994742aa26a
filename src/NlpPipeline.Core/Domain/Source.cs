using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// One entry of a sources file. <see cref="Url"/> is absolute (http, https or file);
/// <see cref="LanguageHint"/> is what the operator expects, not a promise about the text.
/// </summary>
public sealed record Source(
    string Id,
    string Outlet,
    SourceType Type,
    Uri Url,
    Language? LanguageHint,
    SourceKind Kind);
