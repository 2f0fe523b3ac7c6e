namespace Portal.Search;

public sealed record SearchRequest(string? Query, SearchFilters Filters, bool NewestFirst = false, int Page = 1);

/// <summary>One result as the page shows it. Title and snippet are HTML, encoded by the highlighter.</summary>
public sealed record SearchHit(
    SearchKind Kind, string Key, string Url, string TitleHtml, string SnippetHtml, DateTime? PublishedAtUtc, string? ProgrammeTitle)
{
    public DateTime? RegistrationOpensAtUtc { get; init; }

    public DateTime? RegistrationClosesAtUtc { get; init; }

    public DateOnly? TrainingStartsOn { get; init; }
}

public sealed record FacetValue(string Value, string Label, int Count);

public enum SearchStatus
{
    /// <summary>Nothing searchable was typed.</summary>
    NoQuery,

    /// <summary>The index is starting or being rebuilt.</summary>
    NotReady,

    Done,
}

public sealed class SearchResults
{
    public required SearchInput Input { get; init; }

    public SearchStatus Status { get; init; }

    /// <summary>How strictly the words matched; past <see cref="SearchMatch.AllWords"/> the page says so.</summary>
    public SearchMatch Match { get; init; }

    public int Total { get; init; }

    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    public IReadOnlyList<FacetValue> Kinds { get; init; } = [];

    public IReadOnlyList<FacetValue> Programmes { get; init; } = [];

    public IReadOnlyList<FacetValue> Years { get; init; } = [];
}
