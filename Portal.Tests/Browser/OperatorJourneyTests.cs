using Microsoft.Playwright;
using Portal.Training;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>An operator accepts an applicant; the applicant sees it after signing in, and has an email.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public class OperatorJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_operator_accepts_an_applicant_who_then_sees_Diterima_and_has_an_email()
    {
        var portal = browser.Portal;
        var batch = await portal.AddBatchAsync(TestApplications.OpenBatch());
        var applicant = await portal.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var application = await portal.SubmitApplicationAsync(applicant.Id, batch.Id);
        var operatorUser = await portal.CreateUserAsync(Roles.Operator);

        await using (var staff = await browser.OpenAsync(Device.Desktop))
        {
            await SignInAsync(staff.Page, operatorUser.Email!, SignIn.Password);
            await staff.GotoAsync($"/admin/pelatihan/pendaftar/{application.Id}");
            await ChangeStatusAsync(staff.Page, "Diverifikasi");
            await ChangeStatusAsync(staff.Page, "Diterima");
            await Expect(staff.Page.Locator(".status-history-table")).ToContainTextAsync("Diterima");
            staff.AssertNoProblems();
        }

        await using (var jobSeeker = await browser.OpenAsync(Device.Phone))
        {
            await SignInAsync(jobSeeker.Page, applicant.Email!, TestAccounts.Password);
            await jobSeeker.GotoAsync(AccountLinks.Applications);
            await Expect(jobSeeker.Page.Locator(".application-status").First).ToHaveTextAsync("Diterima");
            jobSeeker.AssertNoProblems();
        }

        var email = Assert.Single(portal.Outbox.To(applicant.Email!), m => (m.Subject ?? string.Empty).StartsWith("Status lamaran: Diterima", StringComparison.Ordinal));
        Assert.Contains($"sekarang: {ApplicationStatus.Diterima.Label()}", email.TextBody ?? string.Empty, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(AccountLinks.SignIn);
        await page.GetByLabel("Alamat email").FillAsync(email);
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/akun/masuk"));
    }

    private static async Task ChangeStatusAsync(IPage page, string status)
    {
        await page.GetByLabel("Status baru").SelectOptionAsync(new SelectOptionValue { Label = status });
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan status" }).ClickAsync();
        await Expect(page.Locator(".status-history-table")).ToContainTextAsync(status);
    }
}
