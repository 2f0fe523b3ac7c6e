using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// PR staff write a press release in the staff area with the Markdown editor and its preview, publish it, see it
/// where citizens look for news, and take it back.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public class EditorJourneyTests(BrowserFixture browser)
{
    /// <summary>
    /// Where citizens find a published article, and must no longer find an unpublished one; each place asserts
    /// (with Playwright's waiting) that the title is there or is not. Search (/cari) belongs here as a third place
    /// once it is merged: one more entry, and the journey checks it both ways.
    /// </summary>
    private static readonly (string Place, Func<BrowserSession, string, bool, Task> Expect)[] PublicPlaces =
    [
        ("beranda", ExpectOnHomePageAsync),
        ("feed.xml", ExpectInFeedAsync),
        ("cari", ExpectInSearchAsync),
    ];

    [Fact]
    public async Task An_editor_writes_with_the_preview_publishes_and_unpublishes_an_article()
    {
        var editor = await browser.Portal.CreateUserAsync(Roles.Editor);
        await using var session = await browser.OpenAsync(Device.Desktop);
        var page = session.Page;
        var title = $"Peserta barista belajar menyangrai kopi {TestData.Unique("uji")}";

        await session.SignInAsync(editor.Email!, SignIn.Password);
        await session.GotoAsync("/admin/berita/baru");
        await Expect(page.MainHeading()).ToHaveTextAsync("Tulis berita baru");
        // The enhanced editor has loaded (its toolbar is there); without it the body is a plain textarea.
        var toolbar = page.Locator(".editor-toolbar");
        await Expect(toolbar).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Judul", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Ringkasan").FillAsync("Dua puluh peserta pelatihan barista belajar menyangrai biji kopi Banten.");
        await TypeBodyAsync(page,
            "## Jadwal kelas",
            "Peserta belajar **menyangrai kopi** setiap pagi.",
            "",
            "- Hari pertama: mengenal biji kopi");

        // The live preview is rendered by the server: Markdown in, headings and bold text out.
        await toolbar.Locator("button.mde-preview").ClickAsync();
        var preview = page.Locator(".editor-preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Jadwal kelas", Level = 2 })).ToBeVisibleAsync();
        await Expect(preview.Locator("strong")).ToHaveTextAsync("menyangrai kopi");
        await Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("Hari pertama: mengenal biji kopi");
        await Screenshots.SaveAsync(session, "editor-pratinjau");

        await page.GetByRole(AriaRole.Button, new() { Name = "Terbitkan sekarang" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToHaveTextAsync("Berita diterbitkan dan sudah tampil di portal.");
        await Expect(page.Locator(".article-state")).ToHaveTextAsync("Terbit");
        var editAddress = page.Url;
        await ExpectInPublicPlacesAsync(session, title, present: true);

        await session.GotoAsync(editAddress);
        await page.GetByRole(AriaRole.Button, new() { Name = "Batalkan penerbitan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Penerbitan dibatalkan.");
        await ExpectInPublicPlacesAsync(session, title, present: false);
        session.AssertNoProblems();
    }

    /// <summary>Every place of <see cref="PublicPlaces"/> shows the article (present) or does not.</summary>
    private static async Task ExpectInPublicPlacesAsync(BrowserSession session, string title, bool present)
    {
        foreach (var (_, expect) in PublicPlaces)
        {
            await expect(session, title, present);
        }
    }

    /// <summary>Types the body into the editor line by line, with Enter between lines, as an editor does.</summary>
    private static async Task TypeBodyAsync(IPage page, params string[] lines)
    {
        await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                await page.Keyboard.PressAsync("Enter");
            }

            await page.Keyboard.TypeAsync(lines[i]);
        }
    }

    private static async Task ExpectOnHomePageAsync(BrowserSession session, string title, bool present)
    {
        await session.GotoAsync("/");
        var link = session.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = title });
        await Expect(link).ToHaveCountAsync(present ? 1 : 0);
    }

    /// <summary>The feed as a feed reader fetches it, through the page's request context (same cookies, same address).</summary>
    private static async Task ExpectInFeedAsync(BrowserSession session, string title, bool present)
    {
        var response = await session.Page.APIRequest.GetAsync("/feed.xml");
        Assert.Equal(200, response.Status);
        var feed = await response.TextAsync();
        Assert.True(feed.Contains(title, StringComparison.Ordinal) == present,
            $"The feed should {(present ? string.Empty : "no longer ")}list \"{title}\".");
    }

    /// <summary>
    /// Search follows the database in the background (within a second), so the results page is
    /// loaded again until it agrees, within a bound; then the page itself is asserted.
    /// </summary>
    private static async Task ExpectInSearchAsync(BrowserSession session, string title, bool present)
    {
        var address = "/cari?q=" + Uri.EscapeDataString($"\"{title}\"");
        var link = session.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = title });
        await Eventually.TrueAsync(async () =>
        {
            await session.GotoAsync(address);
            return await link.CountAsync() == (present ? 1 : 0);
        }, $"search {(present ? "finds" : "no longer finds")} \"{title}\"");
        await Expect(link).ToHaveCountAsync(present ? 1 : 0);
    }
}
