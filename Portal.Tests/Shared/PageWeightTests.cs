using System.Net.Http.Headers;
using Portal.Shared;
using Xunit.Abstractions;

namespace Portal.Tests.Shared;

/// <summary>
/// Issue 16's budget for a reader on prepaid mobile data, checked without a browser: what a first
/// visit fetches (see <see cref="FirstVisit"/>), compressed as sent, stays under 100 KiB, the HTML
/// under 20 KiB, and everything but the HTML is fingerprinted and cached for a year as immutable,
/// so a repeat visit fetches the HTML alone. tools/lighthouse/run.sh measures the same pages in
/// Chromium. A failure names the page and its largest answers.
/// </summary>
public class PageWeightTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const long FirstVisitBudget = 100 * 1024;
    private const long HtmlBudget = 20 * 1024;

    private static readonly CacheControlHeaderValue Immutable = CacheControlHeaderValue.Parse(StaticAssets.VersionedCacheControl);

    [Theory]
    [MemberData(nameof(ReaderPages.All), MemberType = typeof(ReaderPages))]
    public async Task A_first_visit_transfers_at_most_100_KiB(string page)
    {
        var transfers = await FirstVisitAsync(page);

        var total = transfers.Sum(t => t.Bytes);
        Assert.True(total <= FirstVisitBudget,
            $"{page}: a first visit transfers {Kib(total)}, over the {Kib(FirstVisitBudget)} budget. Largest: {Largest(transfers)}");
    }

    [Theory]
    [MemberData(nameof(ReaderPages.All), MemberType = typeof(ReaderPages))]
    public async Task The_html_is_at_most_20_KiB_compressed(string page)
    {
        var html = (await FirstVisitAsync(page)).Single(t => t.Kind == "document");

        Assert.True(html.Bytes <= HtmlBudget, $"{page}: the HTML is {Kib(html.Bytes)} as sent, over the {Kib(HtmlBudget)} budget");
    }

    [Theory]
    [MemberData(nameof(ReaderPages.All), MemberType = typeof(ReaderPages))]
    public async Task A_repeat_visit_fetches_only_the_html_because_everything_else_is_fingerprinted_and_immutable(string page)
    {
        var subresources = (await FirstVisitAsync(page)).Where(t => t.Kind != "document").ToList();

        Assert.NotEmpty(subresources);
        var refetched = subresources
            .Where(t => !t.Fingerprinted || !Immutable.Equals(t.CacheControl))
            .Select(t => $"{t.Path} ({t.Kind}, {Kib(t.Bytes)}): {(t.Fingerprinted ? "fingerprinted" : "not fingerprinted")}, Cache-Control {t.CacheControl?.ToString() ?? "none"}")
            .ToList();
        Assert.True(refetched.Count == 0,
            $"{page}: a repeat visit would fetch these again (each needs a hash in its address and Cache-Control {StaticAssets.VersionedCacheControl}):\n{string.Join('\n', refetched)}");
    }

    private async Task<IReadOnlyList<Transfer>> FirstVisitAsync(string page)
    {
        // A new client: no cookies, nothing cached, as a reader opening the link for the first time.
        using var client = factory.CreatePortalClient();
        var transfers = await FirstVisit.LoadAsync(client, page);
        output.WriteLine($"{page}: {Kib(transfers.Sum(t => t.Bytes))} in {transfers.Count} answers. {Largest(transfers)}");
        return transfers;
    }

    private static string Largest(IEnumerable<Transfer> transfers) =>
        string.Join(", ", transfers.OrderByDescending(t => t.Bytes).Take(5).Select(t => $"{t.Path} ({t.Kind}) {Kib(t.Bytes)}"));

    private static string Kib(long bytes) => $"{bytes / 1024.0:0.0} KiB";
}
