using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>A citizen on a desktop browser reads the news and finds the barista programme.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public partial class CitizenJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_citizen_goes_from_the_home_page_through_the_news_to_the_barista_programme()
    {
        await using var session = await browser.OpenAsync(Device.Desktop);
        var page = session.Page;

        await session.GotoAsync("/");
        await Expect(page.MainHeading()).ToHaveTextAsync("Pelatihan kerja gratis untuk warga Kota Serang");

        await page.MenuLink("Berita").ClickAsync();
        await Expect(page).ToHaveURLAsync(EndsWith("/berita"));
        await Expect(page.MainHeading()).ToHaveTextAsync("Berita dan siaran pers");

        var articleLink = page.Locator(".news-list").GetByRole(AriaRole.Link, new() { Name = "Barista" }).First;
        var title = (await articleLink.InnerTextAsync()).Trim();
        await articleLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(BaristaArticleAddress());
        await Expect(page.MainHeading()).ToHaveTextAsync(title);
        await Expect(page.Locator(".article-body p").First).ToBeVisibleAsync();

        await ProgrammeLinkOfArticle(page).ClickAsync();
        await ExpectBaristaProgrammePageAsync(page);
        session.AssertNoProblems();
    }

    /// <summary>The search part of the citizen journey: from the header's search box to the programme.</summary>
    [Fact]
    public async Task A_citizen_searches_for_barista_and_reaches_the_programme_from_a_result()
    {
        await using var session = await browser.OpenAsync(Device.Desktop);
        var page = session.Page;
        await session.GotoAsync("/");

        // Search step 1: type into the header's search form and submit it with Enter, as people do.
        await page.HeaderSearchField().FillAsync("barista");
        await page.HeaderSearchField().PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(SearchAddress());

        // Search step 2: the first result that is the barista programme or an article about barista.
        var result = page.GetByRole(AriaRole.Main)
            .Locator("a[href$='/pelatihan/barista'], a[href*='/berita/'][href*='barista']").First;
        await Expect(result).ToBeVisibleAsync();
        var isArticle = (await result.GetAttributeAsync("href"))!.Contains("/berita/", StringComparison.Ordinal);
        await result.ClickAsync();

        // Search step 3: an article result leads on to its programme.
        if (isArticle)
        {
            await Expect(page).ToHaveURLAsync(BaristaArticleAddress());
            await ProgrammeLinkOfArticle(page).ClickAsync();
        }

        await ExpectBaristaProgrammePageAsync(page);
        session.AssertNoProblems();
    }

    private static ILocator ProgrammeLinkOfArticle(IPage page) =>
        page.Locator("article p", new() { HasText = "Program terkait" }).GetByRole(AriaRole.Link);

    private static async Task ExpectBaristaProgrammePageAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(EndsWith("/pelatihan/barista"));
        await Expect(page.MainHeading()).ToHaveTextAsync("Pelatihan Barista");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gelombang pelatihan" })).ToBeVisibleAsync();
        // The demo batch that is open now offers its registration form.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Daftar gelombang ini" }).First).ToBeVisibleAsync();
    }

    private static Regex EndsWith(string path) => new(Regex.Escape(path) + "$");

    [GeneratedRegex("/berita/[^/?#]*barista[^/?#]*$")]
    private static partial Regex BaristaArticleAddress();

    [GeneratedRegex(@"/cari\?q=barista$")]
    private static partial Regex SearchAddress();
}
