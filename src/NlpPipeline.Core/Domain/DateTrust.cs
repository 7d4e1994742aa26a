using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// Whether a document's publication time can place it in time (see <see cref="PublicationDateRules"/>).
/// Only <see cref="Trusted"/> dates are used by weekly reports; the rest are stored with their flag and
/// left out unless asked for.
/// </summary>
public enum DateTrust { Trusted, Undated, Future, TooOld }

public static class DateTrustNames
{
    public static readonly WireNames<DateTrust> Table = new([
        (DateTrust.Trusted, "ok"), (DateTrust.Undated, "undated"), (DateTrust.Future, "future"), (DateTrust.TooOld, "too_old"),
    ]);

    public static string ToWire(this DateTrust t) => Table.ToWire(t);
}
