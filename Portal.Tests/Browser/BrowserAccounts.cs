using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>What the journeys do with accounts in the browser: signing in through the real /akun/masuk page.</summary>
public static partial class BrowserAccounts
{
    /// <summary>The demo batch of the barista programme whose registration is open at the fixture's clock.</summary>
    public const string OpenBaristaBatch = "Gelombang Contoh (Pendaftaran Dibuka)";

    /// <summary>
    /// Fills and sends the sign-in form, without "Tetap masuk di perangkat ini": the app's clock is the fixture's
    /// fake one, and a persistent cookie dated from it could look expired to Chromium, which keeps real time.
    /// Waits until the browser has left the sign-in page, so the session cookie is set.
    /// </summary>
    public static async Task SignInAsync(this BrowserSession session, string email, string password)
    {
        var page = session.Page;
        if (!page.Url.Contains(AccountLinks.SignIn, StringComparison.Ordinal))
        {
            await session.GotoAsync(AccountLinks.SignIn);
        }

        await page.GetByLabel("Alamat email").FillAsync(email);
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(SignInAddress());
    }

    /// <summary>The address of the apply page of <see cref="OpenBaristaBatch"/>, read from the portal's database.</summary>
    public static async Task<string> OpenBaristaApplyAddressAsync(this BrowserFixture browser)
    {
        var id = await browser.Portal.WithDbAsync(db => db.Batches
            .Where(b => b.Name == OpenBaristaBatch && b.Programme!.Slug == "barista")
            .Select(b => b.Id).SingleAsync());
        return TrainingLinks.Apply("barista", id);
    }

    [GeneratedRegex("/akun/masuk")]
    private static partial Regex SignInAddress();
}
