using System.Globalization;
using Portal.Caching;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Search;

[EnableRateLimiting(RateLimits.Search)]
[CachedPage(SearchAddress.Query, SearchAddress.Kind, SearchAddress.Programme, SearchAddress.Year, SearchAddress.Sort, SearchAddress.Page, ShowsSearchIndex = true)]
public class IndexModel(SiteSearch search, TimeProvider clock) : PageModel
{
    [FromQuery(Name = SearchAddress.Query)]
    public string? Query { get; set; }

    [FromQuery(Name = SearchAddress.Kind)]
    public string? KindText { get; set; }

    [FromQuery(Name = SearchAddress.Programme)]
    public string? ProgrammeText { get; set; }

    [FromQuery(Name = SearchAddress.Year)]
    public string? YearText { get; set; }

    [FromQuery(Name = SearchAddress.Sort)]
    public string? SortText { get; set; }

    [FromQuery(Name = SearchAddress.Page)]
    public string? PageText { get; set; }

    public SearchResults Results { get; private set; } = null!;

    public SearchAddress Address { get; private set; } = null!;

    public Pager Pager { get; private set; } = null!;

    public DateTime NowUtc { get; private set; }

    /// <summary>Filters from the address are trusted only in their known shapes; anything else is no filter.</summary>
    public void OnGet()
    {
        var filters = new SearchFilters(
            SearchKindText.FromCode(KindText)?.Code(),
            Slugs.IsValid(ProgrammeText) ? ProgrammeText : null,
            YearText is { Length: 4 } && int.TryParse(YearText, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? YearText : null);
        var newestFirst = SortText == SearchAddress.NewestFirst;
        var page = Pager.ParsePage(PageText);

        NowUtc = Wib.UtcNow(clock);
        Results = search.Search(new SearchRequest(Query, filters, newestFirst, page));
        Address = new SearchAddress(Results.Input.Text, filters, newestFirst);
        Pager = new Pager(page, search.PageSize, Math.Min(Results.Total, SiteSearch.MaxResults), Address.WithPage);
    }
}
