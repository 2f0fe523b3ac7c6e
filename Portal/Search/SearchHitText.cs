using Portal.Training;

namespace Portal.Search;

/// <summary>What a batch hit says about registration, computed at query time so it is never stale.</summary>
public static class SearchHitText
{
    public static BatchStatus? BatchStatusAt(this SearchHit hit, DateTime nowUtc) =>
        hit.RegistrationOpensAtUtc is { } opens && hit.RegistrationClosesAtUtc is { } closes
            ? Batch.StatusAt(opens, closes, nowUtc)
            : null;

    public static string Count(int count) => count.ToString("N0", Wib.Culture);
}
