namespace Portal.Shared;

/// <summary>Plain "contains" searches in staff lists, the same on SQLite and PostgreSQL.</summary>
public static class SearchText
{
    public const string LikeEscape = "\\";

    /// <summary>
    /// A LIKE pattern that finds <paramref name="text"/> anywhere, lower-cased to compare with a
    /// lower()ed column (LIKE is case-insensitive on SQLite but not on PostgreSQL), with the
    /// wildcards a person might type (%, _) taken literally.
    /// </summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Trim().ToLowerInvariant()
            .Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal) + "%";
}
