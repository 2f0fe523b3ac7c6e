using Portal.Data;
using Portal.Search;

namespace Portal.Tests.Search;

public static class SearchTestExtensions
{
    public static SearchIndex SearchIndex(this PortalFactory factory) => factory.Services.GetRequiredService<SearchIndex>();

    /// <summary>Waits until the index is ready and has applied every change saved so far.</summary>
    public static async Task SearchCaughtUpAsync(this PortalFactory factory)
    {
        var index = factory.SearchIndex();
        var latest = await factory.WithDbAsync(db => db.SearchChanges.MaxAsync(c => (long?)c.Id)) ?? 0;
        await Eventually.TrueAsync(
            () => Task.FromResult(index.State == SearchIndexState.Ready && index.LastAppliedChangeId >= latest),
            $"search index ready and at change {latest} (it is {index.State} at {index.LastAppliedChangeId})");
    }

    /// <summary>Waits until this node's search follower has recorded its cursor (its first round after start).</summary>
    public static async Task SearchCursorRecordedAsync(this PortalFactory factory)
    {
        var node = factory.Services.GetRequiredService<ClusterNode>().Name;
        await Eventually.TrueAsync(() => factory.WithDbAsync(db => db.SearchFollowers.AnyAsync(f => f.Node == node)), $"search cursor of node {node} recorded");
    }

    /// <summary>The result titles a visitor sees on /cari for <paramref name="word"/>.</summary>
    public static async Task<List<string>> SearchResultTitlesAsync(this PortalFactory factory, string word)
    {
        var page = await factory.CreatePortalClient().GetPageAsync($"/cari?q={word}");
        return page.QuerySelectorAll(".search-result h3").Select(h => h.TextContent.Trim()).ToList();
    }

    public static SearchResults Search(this PortalFactory factory, string query, string? kind = null, bool newestFirst = false) =>
        factory.Services.GetRequiredService<SiteSearch>().Search(new SearchRequest(query, new SearchFilters(kind, null, null), newestFirst));

    public static List<string> Urls(this SearchResults results) => results.Hits.Select(h => h.Url).ToList();
}
