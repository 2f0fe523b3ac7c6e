using Microsoft.Playwright;
using Portal.Tests.Admin.Training;
using Portal.Training;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Every public page as rendered by Chromium, on a desktop and on a phone: no serious accessibility
/// violations, no script or loading errors, no sideways scrolling on a phone. Each visit leaves a
/// screenshot in TestResults/screenshots/.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public class PublicPagesTests(BrowserFixture browser)
{
    /// <summary>Screenshot name, address, expected HTTP status.</summary>
    public static TheoryData<string, string, int> Pages => new()
    {
        { "beranda", "/", 200 },
        { "berita", "/berita", 200 },
        { "artikel", "/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan", 200 },
        { "pelatihan", "/pelatihan", 200 },
        { "program", "/pelatihan/barista", 200 },
        { "agenda", "/agenda", 200 },
        { "cari", "/cari?q=pelatihan+barista", 200 },
        { "cari-kosong", "/cari?q=zzzqqq", 200 },
        { "daftar-akun", "/akun/daftar", 200 },
        { "masuk", "/akun/masuk", 200 },
        { "kontak", "/kontak", 200 },
        { "tanya-jawab", "/tanya-jawab", 200 },
        { "tidak-ditemukan", "/halaman-yang-tidak-ada", 404 },
        // A shipped batch whose results are not announced (none are in content/): the page that says so.
        { "hasil-seleksi", "/pelatihan/barista/gelombang/barista-apbn-2025-1/hasil", 200 },
        { "verifikasi-tidak-ada", "/verifikasi/PLT-2025-000000", 404 },
        { "verifikasi-periksa", "/verifikasi", 200 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_public_page_has_no_serious_accessibility_violations_on_a_desktop(string name, string path, int status)
    {
        await using var session = await browser.OpenAsync(Device.Desktop);

        Assert.Equal(status, await session.GotoAsync(path));

        await Accessibility.AssertNoSeriousViolationsAsync(session.Page);
        session.AssertNoProblems();
        await Screenshots.SaveAsync(session, name);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_public_page_fits_a_phone_screen_without_sideways_scrolling(string name, string path, int status)
    {
        await using var session = await browser.OpenAsync(Device.Phone);
        var page = session.Page;

        Assert.Equal(status, await session.GotoAsync(path));

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1],
            $"{path} is {widths[0]}px wide on a {widths[1]}px phone screen; too wide: {await TooWideElementsAsync(page)}");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        session.AssertNoProblems();
        await Screenshots.SaveAsync(session, name);
    }

    [Fact]
    public async Task On_a_phone_search_results_come_first_and_the_filters_fold_below_them_while_a_desktop_shows_them_open()
    {
        const string Path = "/cari?q=pelatihan+barista";
        await using (var phone = await browser.OpenAsync(Device.Phone))
        {
            await phone.GotoAsync(Path);

            var first = await phone.Page.Locator(".search-result").First.BoundingBoxAsync();
            Assert.True(first!.Y < Device.Phone.Height, $"the first result starts {first.Y}px down a {Device.Phone.Height}px screen");
            await Expect(FilterLinks(phone.Page)).ToBeHiddenAsync();
            await phone.Page.Locator(".search-filters > summary").TapAsync();
            await Expect(FilterLinks(phone.Page)).ToBeVisibleAsync();
            phone.AssertNoProblems();
        }

        await using var desktop = await browser.OpenAsync(Device.Desktop);
        await desktop.GotoAsync(Path);
        await Expect(FilterLinks(desktop.Page)).ToBeVisibleAsync();
        await Expect(desktop.Page.Locator(".search-filters > summary")).ToBeHiddenAsync();
        desktop.AssertNoProblems();
    }

    private static ILocator FilterLinks(IPage page) => page.Locator("[data-facet=jenis]");

    [Fact]
    public async Task On_a_phone_the_menu_opens_and_closes_with_its_toggler_by_touch_or_keyboard_and_its_links_lead_to_their_pages()
    {
        await using var session = await browser.OpenAsync(Device.Phone);
        var page = session.Page;
        await session.GotoAsync("/");

        await Expect(page.MenuLink("Pelatihan")).ToBeHiddenAsync();
        Assert.Equal(new AccessibleState("Menu", Expanded: false), await Accessibility.StateAsync(page, PortalLocators.MenuTogglerSelector));

        await page.MenuToggler().TapAsync();

        await Expect(page.MenuLink("Beranda")).ToBeVisibleAsync();
        Assert.Equal(new AccessibleState("Menu", Expanded: true), await Accessibility.StateAsync(page, PortalLocators.MenuTogglerSelector));
        await page.MenuToggler().PressAsync("Enter");
        await Expect(page.MenuLink("Beranda")).ToBeHiddenAsync();
        Assert.Equal(new AccessibleState("Menu", Expanded: false), await Accessibility.StateAsync(page, PortalLocators.MenuTogglerSelector));
        await page.MenuToggler().PressAsync("Enter");
        await Expect(page.MenuLink("Beranda")).ToBeVisibleAsync();
        await Expect(page.MenuLink("Berita")).ToBeVisibleAsync();
        await Expect(page.HeaderSearchField()).ToBeVisibleAsync();
        await Screenshots.SaveAsync(session, "menu");
        await page.MenuLink("Pelatihan").TapAsync();
        await Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/pelatihan").ToString());
        await Expect(page.MainHeading()).ToHaveTextAsync("Program pelatihan");
        session.AssertNoProblems();
    }

    public static TheoryData<string> Devices => [Device.Desktop.Name, Device.Phone.Name];

    /// <summary>The Admins' page of the search index: each node's cursor and the rebuild for every node.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task The_search_index_page_passes_the_checks(string deviceName)
    {
        var device = deviceName == Device.Phone.Name ? Device.Phone : Device.Desktop;
        var admin = await browser.Portal.CreateUserAsync(Roles.Admin);
        await using var session = await browser.OpenAsync(device);
        await session.SignInAsync(admin.Email!, SignIn.Password);
        await AssertPageFitsAndPassesAxeAsync(session, "indeks-pencarian", "/admin/pencarian");
        await Expect(session.Page.Locator(".search-nodes tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(session.Page.Locator(".search-nodes time").First).ToContainTextAsync("WIB");
    }

    /// <summary>
    /// The pages of one application, which need data of their own: its announced results, its
    /// public verification page, its printable proof and the reminder page of an upcoming batch
    /// (signed in as its owner), and the operator's page that announces the results.
    /// </summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public async Task The_results_verification_and_proof_pages_of_an_application_pass_the_checks(string deviceName)
    {
        var device = deviceName == Device.Phone.Name ? Device.Phone : Device.Desktop;
        var portal = browser.Portal;
        var batch = TestApplications.OpenBatch();
        batch.RequiredDocuments = ["KTP asli dan fotokopi 1 lembar", "Kartu AK-1 (kartu kuning) dari Disnakertrans", "Pas foto berwarna 3×4, 2 lembar"];
        await portal.AddBatchAsync(batch);
        var user = await portal.CreateJobSeekerAsync(id => TestData.JobSeeker(id, fullName: "Dewi Lestari Pencari Kerja"));
        var application = await portal.SubmitApplicationAsync(user.Id, batch.Id);
        var number = application.RegistrationNumber!;
        await portal.ChangeStatusAsync(batch.Id, [application.Id], ApplicationStatus.Diverifikasi);
        await portal.ChangeStatusAsync(batch.Id, [application.Id], ApplicationStatus.Diterima);
        await portal.WithDbAsync(async db =>
        {
            var stored = await db.Batches.SingleAsync(b => b.Id == batch.Id);
            stored.ResultsPublishedAtUtc = portal.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        });
        var upcoming = await portal.AddBatchAsync(TestData.Batch(TestData.Programme(), new DateTime(2025, 12, 10, 8, 0, 0), new DateTime(2025, 12, 20, 23, 59, 0)));
        var operatorUser = await portal.CreateUserAsync(Roles.Operator);
        await using (var staff = await browser.OpenAsync(device))
        {
            await staff.SignInAsync(operatorUser.Email!, SignIn.Password);
            await AssertPageFitsAndPassesAxeAsync(staff, "umumkan-hasil", $"/admin/pelatihan/gelombang/{batch.Id}/hasil");
        }

        await using var session = await browser.OpenAsync(device);
        await session.SignInAsync(user.Email!, TestAccounts.Password);

        foreach (var (name, path) in new[]
        {
            ("hasil-diumumkan", TrainingLinks.Results(batch.Programme!.Slug, batch.Key)),
            ("verifikasi", TrainingLinks.Verification(number)),
            ("ingatkan-saya", TrainingLinks.Remind(upcoming.Programme!.Slug, upcoming.Key)),
            ("bukti-pendaftaran", TrainingLinks.Proof(number)),
        })
        {
            await AssertPageFitsAndPassesAxeAsync(session, name, path);
        }

        // Printed (or saved as PDF), the proof is one A4 sheet without the site's header, menus and footer.
        await session.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(session.Page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(session.Page.Locator(".site-footer")).ToBeHiddenAsync();
        await Expect(session.Page.Locator("#kode-qr")).ToBeVisibleAsync();
        var pdf = System.Text.Encoding.Latin1.GetString(await session.Page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page(?!s)"));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task The_accessibility_check_fails_a_page_with_an_image_that_has_no_text_alternative()
    {
        await using var session = await browser.OpenAsync(Device.Desktop);
        await session.GotoAsync("/pelatihan");
        await session.Page.EvaluateAsync(
            "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/img/favicon.svg\">')");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoSeriousViolationsAsync(session.Page));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
    }

    private static async Task AssertPageFitsAndPassesAxeAsync(BrowserSession session, string name, string path)
    {
        Assert.Equal(200, await session.GotoAsync(path));
        var widths = await session.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]}px wide on a {widths[1]}px screen; too wide: {await TooWideElementsAsync(session.Page)}");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page);
        await Screenshots.SaveAsync(session, name);
    }

    /// <summary>For the failure message: the elements that stick out past the right edge of the screen.</summary>
    private static Task<string> TooWideElementsAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .slice(0, 8)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
              (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : ''))
            .join(', ');
        }
        """);
}
