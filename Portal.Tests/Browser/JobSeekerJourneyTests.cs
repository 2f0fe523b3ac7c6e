using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A job seeker on a phone, from a batch chosen while signed out to a withdrawn application, through the pages
/// and the email a person would use: the chosen batch is never lost on the way. Every form on the way is
/// checked with axe as it is shown (errors included).
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public partial class JobSeekerJourneyTests(BrowserFixture browser)
{
    private static readonly DateOnly BornOn = new(2000, 5, 17);

    [Fact]
    public async Task A_job_seeker_chooses_a_batch_signed_out_registers_confirms_comes_back_to_it_applies_and_withdraws()
    {
        await using var session = await browser.OpenAsync(Device.Phone);
        var page = session.Page;
        var email = TestAccounts.NewEmail();

        // Choose the open barista batch before having an account: the sign-in page keeps it.
        await session.GotoAsync("/pelatihan/barista");
        await page.Locator("article.batch-card", new() { HasText = BrowserAccounts.OpenBaristaBatch })
            .GetByRole(AriaRole.Link, new() { Name = "Daftar gelombang ini" }).ClickAsync();
        await Expect(page.MainHeading()).ToHaveTextAsync("Masuk");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Daftar", Exact = true }).ClickAsync();

        // Register: the page then says what to do next instead of showing the form again.
        await Expect(page).ToHaveURLAsync(RegisterKeepingTheBatch());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(session, "daftar-akun");
        await page.GetByLabel("Alamat email").FillAsync(email);
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(TestAccounts.Password);
        await page.GetByLabel("Ulangi kata sandi").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await Expect(page.MainHeading()).ToHaveTextAsync("Periksa email Anda");
        await Expect(page.Locator("#pesan-terkirim")).ToContainTextAsync(email);
        await Expect(page.GetByRole(AriaRole.Main).Locator("form")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(session, "daftar-akun-terkirim");

        // Open the link of the confirmation email, as from the inbox, then sign in from the confirmation page.
        var confirmation = browser.Portal.Outbox.Latest(email, "Konfirmasi");
        await session.GotoAsync(OutboxReader.LinkTo(confirmation, AccountLinks.ConfirmEmail));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sudah dikonfirmasi");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page.MainHeading()).ToHaveTextAsync("Masuk");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await session.SignInAsync(email, TestAccounts.Password);

        // Back on the chosen batch's apply page, which asks for the profile first.
        await Expect(page).ToHaveURLAsync(ApplyAddress());
        await Expect(page.Locator("#tidak-dapat-mendaftar")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lengkapi profil" }).ClickAsync();
        await Expect(page.MainHeading()).ToHaveTextAsync("Isi profil");

        // First with a NIK whose birth date is not the one entered: the message stands beside the NIK field.
        await FillProfileAsync(page, TestData.Nik(new DateOnly(1999, 1, 2), Gender.Male));
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan profil" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Nik']"))
            .ToContainTextAsync("Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak sesuai dengan tanggal lahir 17 Mei 2000.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(session, "profil-nik-salah");

        // Then the right one: back to the apply page, which now shows the data it will send.
        await page.GetByLabel("NIK (16 angka)").FillAsync(TestData.Nik(BornOn, Gender.Male));
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan profil" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ApplyAddress());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Data yang dikirim" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(session, "daftar-gelombang");

        await page.GetByLabel("Motivasi (tidak wajib)").FillAsync("Saya ingin bekerja di kedai kopi di Kota Serang.");
        await page.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim pendaftaran" }).ClickAsync();

        // My applications: submitted, then withdrawn.
        await Expect(page).ToHaveURLAsync(ApplicationsAddress());
        var application = page.Locator("article.application", new() { HasText = BrowserAccounts.OpenBaristaBatch });
        await Expect(application.Locator(".application-status")).ToHaveTextAsync("Diajukan");

        // The printable proof: the number, the documents to bring, and the QR code's address, which
        // anyone can open to check the number, batch and status, without the person's data.
        var number = (await application.Locator(".registration-number").TextContentAsync())!.Trim();
        await application.GetByRole(AriaRole.Link, new() { Name = "Bukti pendaftaran" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bukti Pendaftaran Pelatihan Kerja" })).ToBeVisibleAsync();
        await Expect(page.Locator("#nomor-pendaftaran")).ToHaveTextAsync(number);
        await Expect(page.Locator("#bukti-dokumen")).ToContainTextAsync("Kartu AK-1 (kartu kuning)");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(session, "bukti-pendaftaran");
        await page.Locator("#alamat-verifikasi").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verifikasi bukti pendaftaran" })).ToBeVisibleAsync();
        await Expect(page.Locator("#verifikasi")).ToContainTextAsync(number);
        await Expect(page.Locator("#verifikasi")).ToContainTextAsync("Diajukan");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Rina Pencari Kerja");
        await Screenshots.SaveAsync(session, "verifikasi");
        await session.GotoAsync(AccountLinks.Applications);

        await application.GetByRole(AriaRole.Button, new() { Name = "Batalkan lamaran" }).ClickAsync();
        await Expect(application.Locator(".application-status")).ToHaveTextAsync("Dibatalkan");
        await Expect(application.GetByRole(AriaRole.Button, new() { Name = "Batalkan lamaran" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(session, "lamaran-dibatalkan");
        session.AssertNoProblems();
    }

    /// <summary>The profile form as a person fills it, with the given NIK.</summary>
    private static async Task FillProfileAsync(IPage page, string nik)
    {
        await page.GetByLabel("Nama lengkap (sesuai KTP)").FillAsync("Rina Pencari Kerja");
        await page.GetByLabel("NIK (16 angka)").FillAsync(nik);
        await page.GetByLabel("Tanggal lahir").FillAsync(BornOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Laki-laki").CheckAsync();
        await page.GetByLabel("Nomor HP (WhatsApp)").FillAsync("0812-3456-7890");
        await page.GetByLabel("Alamat tempat tinggal sekarang").FillAsync("Jl. Ahmad Yani No. 1, Kota Serang");
        await page.GetByLabel("Kecamatan domisili").SelectOptionAsync(new SelectOptionValue { Label = "Cipocok Jaya" });
        await page.GetByLabel("Pendidikan terakhir").SelectOptionAsync(new SelectOptionValue { Value = "SmaSmk" });
        await page.GetByLabel("Status pekerjaan").SelectOptionAsync(new SelectOptionValue { Value = "Unemployed" });
    }

    [GeneratedRegex(@"/pelatihan/barista/gelombang/\d+/daftar$")]
    private static partial Regex ApplyAddress();

    [GeneratedRegex(@"/akun/daftar\?kembali=%2Fpelatihan%2Fbarista%2Fgelombang%2F\d+%2Fdaftar$")]
    private static partial Regex RegisterKeepingTheBatch();

    [GeneratedRegex("/akun/lamaran$")]
    private static partial Regex ApplicationsAddress();
}
