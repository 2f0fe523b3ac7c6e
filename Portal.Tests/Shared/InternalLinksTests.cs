using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Portal.Tests.Shared;

/// <summary>
/// Guards the addresses: every page without route values is opened as each kind of visitor, and
/// every internal address a page renders (links, get forms, images, scripts, stylesheets) is
/// followed breadth-first. None may answer 404 or a server error, and no link or form may lack its
/// address (what asp-page renders for a page that does not exist); a failure names the page.
/// Staff see every page, so their crawl must reach every route.
/// </summary>
public class InternalLinksTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Far above what the seed content and test data render; reaching it means links multiply without end.</summary>
    private const int MaxAddresses = 3000;

    /// <summary>The one page no link leads to: it answers what went wrong.</summary>
    private const string ErrorPage = "/Shared/Error";

    private static readonly Uri Origin = new("http://localhost/");

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("jobseeker", false)]
    [InlineData(Roles.Admin, true)]
    public async Task Every_internal_address_a_page_renders_answers(string who, bool seesEveryPage)
    {
        using var client = await ClientWithDataAsync(who);
        var queue = new Queue<(string Address, string From)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in PagesWithoutRouteValues())
        {
            seen.Add(start);
            queue.Enqueue((start, "(start)"));
        }

        var broken = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var next))
        {
            Assert.True(seen.Count <= MaxAddresses, $"{who}: more than {MaxAddresses} internal addresses, the last from {next.From}");
            using var response = await client.GetAsync(new Uri(next.Address, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
            {
                broken.Add($"{next.From} links to {next.Address}: {(int)response.StatusCode}");
                continue;
            }

            // Both ends of a redirect ran: a signed-in visitor's /akun/masuk answers with the profile.
            var here = response.RequestMessage!.RequestUri!;
            opened.Add(new Uri(Origin, next.Address).AbsolutePath);
            opened.Add(here.AbsolutePath);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await Html.ParseAsync(response);

            // A page name the routes do not know renders a link without an address, not a 404.
            broken.AddRange(page.QuerySelectorAll("a:not([href]), a[href=''], form[action='']")
                .Select(e => $"{here.PathAndQuery} renders <{e.LocalName}> without an address: {e.TextContent.Trim()}"));
            foreach (var address in InternalAddresses(page, here))
            {
                if (seen.Add(address))
                {
                    queue.Enqueue((address, here.PathAndQuery));
                }
            }
        }

        Assert.True(seen.Count > 20, $"{who}: only {seen.Count} addresses reached; the crawl did not read the pages");
        Assert.True(broken.Count == 0, $"{who}:{Environment.NewLine}{string.Join(Environment.NewLine, broken.Distinct().Take(50))}");
        if (seesEveryPage)
        {
            var unreached = PageRoutes()
                .Where(route => route.Page != ErrorPage && !opened.Any(path => route.Matcher.TryMatch(path, [])))
                .Select(route => route.Page);
            Assert.Empty(unreached);
        }
    }

    /// <summary>A client for the visitor, with something of theirs to link to: an application, an article with a revision.</summary>
    private async Task<HttpClient> ClientWithDataAsync(string who)
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var article = TestData.Article();
        await factory.WithDbAsync(async db =>
        {
            db.Articles.Add(article);
            db.ArticleRevisions.Add(new Portal.News.ArticleRevision { Article = article, Number = 1, Title = article.Title, Summary = article.Summary, SavedBy = "uji" });
            await db.SaveChangesAsync();
        });
        // Announced results, so that the programme page links to them.
        var announced = TestApplications.OpenBatch();
        announced.ResultsPublishedAtUtc = PortalFactory.DefaultNow.UtcDateTime;
        await factory.AddBatchAsync(announced);
        var applicant = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        await factory.SubmitApplicationAsync(applicant.Id, batch.Id);

        if (who is "anonymous" or "jobseeker")
        {
            return who == "anonymous" ? factory.CreatePortalClient() : await factory.SignedInClientAsync(applicant);
        }

        // A member of staff who has applied too, so that the crawl reaches their proof of registration.
        var staff = await factory.CreateUserAsync(who);
        await factory.AddAsync(TestData.JobSeeker(staff.Id));
        await factory.SubmitApplicationAsync(staff.Id, batch.Id);
        return await factory.SignedInClientAsync(staff);
    }

    /// <summary>Every page whose route needs no value; the others are reached through the links.</summary>
    private IEnumerable<string> PagesWithoutRouteValues() =>
        PageEndpoints()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private IEnumerable<(string Page, TemplateMatcher Matcher)> PageRoutes() =>
        PageEndpoints().Select(e => (
            e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath,
            new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), [])));

    private IEnumerable<RouteEndpoint> PageEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null);

    /// <summary>What a browser would request from the page by GET on this host, without the fragment.</summary>
    private static IEnumerable<string> InternalAddresses(IDocument page, Uri here)
    {
        var written = page.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("img[src], script[src], source[src]").Select(e => e.GetAttribute("src")))
            .Concat(page.QuerySelectorAll("form")
                .Where(f => string.Equals(f.GetAttribute("method") ?? "get", "get", StringComparison.OrdinalIgnoreCase))
                .Select(f => f.GetAttribute("action")));
        foreach (var value in written)
        {
            if (string.IsNullOrWhiteSpace(value) || value.StartsWith('#')
                || !Uri.TryCreate(here, value, out var target)
                || target.Scheme is not ("http" or "https")
                || !string.Equals(target.Host, Origin.Host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return target.PathAndQuery;
        }
    }
}
