using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// People who cannot use a mouse or a touch screen (a broken trackpad, a switch device, a screen reader) move
/// with Tab and act with Space and Enter. The application form must work that way from the top of the page.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public partial class KeyboardTests(BrowserFixture browser)
{
    /// <summary>More than the page's links and fields; reaching it means focus went round without finding the box.</summary>
    private const int MaxTabs = 80;

    [Fact]
    public async Task The_application_form_can_be_completed_with_the_keyboard_alone()
    {
        var user = await browser.Portal.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        await using var session = await browser.OpenAsync(Device.Desktop);
        var page = session.Page;
        await session.SignInAsync(user.Email!, TestAccounts.Password);
        await session.GotoAsync(await browser.OpenBaristaApplyAddressAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Tab from the top of the page to the consent box; type a motivation on the way.
        var stops = new List<FocusStop>();
        FocusStop stop;
        do
        {
            Assert.True(stops.Count < MaxTabs, $"The consent box was not reached in {MaxTabs} presses of Tab: {Describe(stops)}");
            await page.Keyboard.PressAsync("Tab");
            stop = await FocusedAsync(page);
            Assert.False(stop.Tag == "body", $"Focus ran off the end of the page without reaching the consent box: {Describe(stops)}");
            Assert.True(stop.Visible && stop.Name.Length > 0,
                $"Focus went to a control that is hidden or has no name: {stop}. The way there: {Describe(stops)}");
            Assert.False(stops.Count > 0 && stops[^1].Key == stop.Key, $"Tab did not move focus away from {stop}: a focus trap.");
            stops.Add(stop);
            if (stop.Id == "Input_Motivation")
            {
                await page.Keyboard.TypeAsync("Saya ingin membuka kedai kopi.");
            }
        }
        while (stop.Id != "Input_Consent");

        Assert.Contains(stops, s => s.Id == "Input_Motivation");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#Input_Consent")).ToBeCheckedAsync();

        await page.Keyboard.PressAsync("Tab");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Kirim pendaftaran" });
        await Expect(submit).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(ApplicationsAddress());
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("sudah terkirim dengan status Diajukan");
        var application = page.Locator("article.application", new() { HasText = BrowserAccounts.OpenBaristaBatch });
        await Expect(application.Locator(".application-status")).ToHaveTextAsync("Diajukan");
        var motivation = await browser.Portal.WithDbAsync(db => db.Applications
            .Where(a => a.UserId == user.Id).Select(a => a.Motivation).SingleAsync());
        Assert.Equal("Saya ingin membuka kedai kopi.", motivation);
        session.AssertNoProblems();
    }

    private static string Describe(List<FocusStop> stops) => string.Join(" → ", stops);

    /// <summary>
    /// The focused element, its name as a screen reader would start to find it (aria-label, aria-labelledby,
    /// its label, its text, its title) and whether it can be seen.
    /// </summary>
    private static async Task<FocusStop> FocusedAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>(FocusedElementScript)).Deserialize<FocusStop>()!;

    private const string FocusedElementScript = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return { key: 'body', id: '', tag: 'body', name: '', visible: false };
          const byIds = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
            .map(id => document.getElementById(id)?.textContent || '').join(' ');
          const name = (e.getAttribute('aria-label') || byIds || [...(e.labels || [])].map(l => l.textContent).join(' ')
            || e.innerText || e.value || e.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
          const box = e.getBoundingClientRect();
          const visible = box.width > 0 && box.height > 0 && e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
          const path = [];
          for (let n = e; n && n !== document.body; n = n.parentElement) path.unshift(n.tagName + ([...n.parentElement.children].indexOf(n)));
          return { key: path.join('/'), id: e.id, tag: e.tagName.toLowerCase(), name: name.slice(0, 60), visible };
        }
        """;

    [GeneratedRegex("/akun/lamaran$")]
    private static partial Regex ApplicationsAddress();

    private sealed record FocusStop(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("tag")] string Tag,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("visible")] bool Visible)
    {
        public override string ToString() => $"{Tag}{(Id.Length > 0 ? "#" + Id : string.Empty)} \"{Name}\"{(Visible ? string.Empty : " (hidden)")}";
    }
}
