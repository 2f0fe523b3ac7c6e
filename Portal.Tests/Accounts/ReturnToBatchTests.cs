using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Tests.Accounts;

/// <summary>The batch a visitor chose survives signing in, registering, the emailed link and the profile; foreign return addresses never do.</summary>
public class ReturnToBatchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> RefusedAddresses =>
    [
        "https://evil.example/akun",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "http:evil.example",
        "/akun/profil/ü",
    ];

    [Fact]
    public async Task A_visitor_who_chose_a_batch_registers_confirms_signs_in_completes_the_profile_and_lands_on_its_apply_form()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var email = TestAccounts.NewEmail();
        var client = factory.CreatePortalClient();

        // Signed out, "Daftar gelombang ini" leads to the sign-in page, which remembers the batch.
        var programme = await client.GetPageAsync(TrainingLinks.Programme(batch.Programme.Slug));
        var chosen = programme.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Daftar gelombang ini" && a.GetAttribute("href") == applyPath);
        var signIn = await client.GetPageAsync(chosen.GetAttribute("href")!);
        Assert.Equal(AccountLinks.SignIn, new Uri(signIn.Url).AbsolutePath);
        Assert.Equal(applyPath, ReturnIn(signIn.Url));

        // Its "Daftar" link keeps the batch, and so does the registration form.
        var register = await client.GetPageAsync(MainLink(signIn, "Daftar"));
        Assert.Equal(applyPath, ReturnIn(register.Url));
        using (var registered = await client.SubmitAsync(register.MainForm(), Registration(email)))
        {
            var page = await Html.ParseAsync(registered);
            Assert.Contains(email, page.Text("#pesan-terkirim"), StringComparison.Ordinal);
            Assert.Equal(applyPath, ReturnIn(MainLink(page, "Masuk")));
        }

        // The emailed link carries the batch; the confirmation page's sign-in link passes it on.
        var link = OutboxReader.LinkTo(factory.Outbox.Latest(email, AccountEmails.ConfirmEmailSubject), AccountLinks.ConfirmEmail);
        Assert.Equal(applyPath, ReturnIn(link));
        var confirmed = await client.GetPageAsync(link);
        Assert.Contains("sudah dikonfirmasi", confirmed.Text("main [role=status]"), StringComparison.Ordinal);
        var signInAgain = await client.GetPageAsync(MainLink(confirmed, "Masuk"));

        // Signed in: straight to the batch, which first asks for the profile.
        var apply = await SubmitSignInAsync(client, signInAgain, email, TestAccounts.Password);
        Assert.Equal(applyPath, new Uri(apply.Url).AbsolutePath);
        Assert.Contains("Lengkapi profil", apply.Text("#tidak-dapat-mendaftar"), StringComparison.Ordinal);

        // The profile, then back on the batch's apply form.
        var edit = await client.GetPageAsync(MainLink(apply, "Lengkapi profil"));
        Assert.NotNull(edit.QuerySelector("#lanjut-setelah-profil"));
        Assert.Equal(applyPath, MainLink(edit, "Batal"));
        using var saved = await client.SubmitAsync(edit.MainForm(), ProfileTests.ValidProfile(TestData.Nik(new DateOnly(1998, 2, 3), Gender.Male), "1998-02-03"));
        var form = await Html.ParseAsync(saved);
        Assert.Equal(applyPath, saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(form.QuerySelector("main form input[name='Input.Consent']"));
        Assert.Equal("Kirim pendaftaran", form.Text("main form button[type=submit]"));
    }

    [Fact]
    public async Task A_job_seeker_with_a_complete_profile_signs_in_straight_onto_the_chosen_apply_form()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var client = factory.CreatePortalClient();

        var signIn = await client.GetPageAsync(applyPath);
        var apply = await SubmitSignInAsync(client, signIn, user.Email!, TestAccounts.Password);

        Assert.Equal(applyPath, new Uri(apply.Url).AbsolutePath);
        Assert.NotNull(apply.QuerySelector("main form input[name='Input.Consent']"));
    }

    [Fact]
    public async Task Signing_in_unconfirmed_sends_a_new_link_that_still_carries_the_batch()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var user = await factory.CreateJobSeekerAsync(emailConfirmed: false);
        var client = factory.CreatePortalClient();

        var signIn = await client.GetPageAsync(applyPath);
        var refused = await SubmitSignInAsync(client, signIn, user.Email!, TestAccounts.Password);

        Assert.Equal(SignInModel.NotConfirmedMessage, refused.SummaryErrors());
        var link = OutboxReader.LinkTo(factory.Outbox.Latest(user.Email!, AccountEmails.ConfirmEmailSubject), AccountLinks.ConfirmEmail);
        Assert.Equal(applyPath, ReturnIn(link));
    }

    [Fact]
    public async Task Registering_a_known_address_again_emails_a_sign_in_link_that_keeps_the_batch()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var user = await factory.CreateJobSeekerAsync();
        var client = factory.CreatePortalClient();

        var register = await client.GetPageAsync(MainLink(await client.GetPageAsync(applyPath), "Daftar"));
        using var registered = await client.SubmitAsync(register.MainForm(), Registration(user.Email!));

        var link = OutboxReader.LinkTo(factory.Outbox.Latest(user.Email!, "sudah memiliki akun"), AccountLinks.SignIn);
        Assert.Equal(applyPath, ReturnIn(link));
    }

    [Fact]
    public async Task Registration_success_shows_the_next_steps_instead_of_the_form()
    {
        var email = TestAccounts.NewEmail();

        using var response = await factory.CreatePortalClient().RegisterAsync(email);
        var page = await Html.ParseAsync(response);

        Assert.Null(page.QuerySelector("main form"));
        Assert.Null(page.QuerySelector("main input"));
        Assert.Equal("Periksa email Anda", page.Text("main h1"));
        Assert.Contains(email, page.Text("#pesan-terkirim"), StringComparison.Ordinal);
        var steps = page.Text("#langkah-berikutnya");
        Assert.Contains(email, steps, StringComparison.Ordinal);
        Assert.Contains(AccountEmails.ConfirmEmailSubject, steps, StringComparison.Ordinal);
        Assert.Contains("kami mengirim ulang tautannya", page.Text("main"), StringComparison.Ordinal);
        Assert.Equal(AccountLinks.SignIn, MainLink(page, "Masuk"));
        Assert.Equal(AccountLinks.Register, MainLink(page, "Daftar lagi dengan alamat yang benar"));
    }

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task A_foreign_or_malformed_return_address_is_dropped_at_every_step(string refused)
    {
        var query = $"?{AccountLinks.ReturnUrlParameter}={Uri.EscapeDataString(refused)}";
        var email = TestAccounts.NewEmail();
        var client = factory.CreatePortalClient(followRedirects: false);

        // The sign-in page links to registration without it.
        var signIn = await client.GetPageAsync(AccountLinks.SignIn + query);
        Assert.Equal(AccountLinks.Register, MainLink(signIn, "Daftar"));

        // Registering: neither the success page nor the emailed link carries it.
        var register = await client.GetPageAsync(AccountLinks.Register + query);
        using (var registered = await client.SubmitAsync(register.MainForm(), Registration(email)))
        {
            Assert.Equal(AccountLinks.Register, registered.Headers.Location!.OriginalString);
        }

        var link = OutboxReader.LinkTo(factory.Outbox.Latest(email, AccountEmails.ConfirmEmailSubject), AccountLinks.ConfirmEmail);
        Assert.Null(ReturnIn(link));

        // Confirming with it added by hand: the sign-in link leaves it out.
        var confirmed = await client.GetPageAsync(link + "&" + query[1..]);
        Assert.Equal(AccountLinks.SignIn, MainLink(confirmed, "Masuk"));

        // Signing in with it: the profile, on this site.
        var signInAgain = await client.GetPageAsync(AccountLinks.SignIn + query);
        using (var signedIn = await client.SubmitAsync(signInAgain.MainForm(), Credentials(email, TestAccounts.Password)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(AccountLinks.Profile, signedIn.Headers.Location!.OriginalString);
        }

        // Saving the profile with it: the profile again.
        var edit = await client.GetPageAsync(AccountLinks.EditProfile + query);
        Assert.Null(edit.QuerySelector("#lanjut-setelah-profil"));
        Assert.Equal(AccountLinks.Profile, MainLink(edit, "Batal"));
        using var saved = await client.SubmitAsync(edit.MainForm(), ProfileTests.ValidProfile(TestData.Nik(new DateOnly(1998, 2, 3), Gender.Male), "1998-02-03"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(AccountLinks.Profile, saved.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/pelatihan/barista/gelombang/12/daftar", true)]
    [InlineData("/cari?q=las%20listrik&jenis=pelatihan", true)]
    [InlineData("/cari?q=las listrik", false)]
    [InlineData("/berita/ü", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("pelatihan/barista", false)]
    [InlineData("~/akun/profil", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("HTTPS://evil.example/", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("\\\\evil.example", false)]
    [InlineData("/pelatihan\\..\\evil", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" /pelatihan", false)]
    public void Only_paths_of_this_site_are_kept_as_return_addresses(string? candidate, bool kept) =>
        Assert.Equal(kept ? candidate : null, AccountAddresses.LocalReturnUrl(candidate));

    [Fact]
    public void An_overlong_return_address_is_dropped()
    {
        var longest = "/" + new string('a', AccountAddresses.ReturnUrlMaxLength - 1);

        Assert.Equal(longest, AccountAddresses.LocalReturnUrl(longest));
        Assert.Null(AccountAddresses.LocalReturnUrl(longest + "a"));
    }

    [Theory]
    [InlineData(Roles.Admin, "/admin")]
    [InlineData(Roles.Editor, "/admin")]
    [InlineData(Roles.Operator, "/admin")]
    [InlineData(null, AccountLinks.Profile)]
    public async Task Without_a_return_address_staff_land_on_admin_and_job_seekers_on_their_profile(string? role, string expected)
    {
        var user = await factory.CreateUserAsync(role is null ? [] : [role]);
        var client = factory.CreatePortalClient();

        using var signedIn = await client.SignInAsync(user.Email!, SignIn.Password);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.RequestMessage!.RequestUri!.AbsolutePath);

        // Opening the sign-in page again while signed in goes to the same place.
        using var again = await client.GetAsync(new Uri(AccountLinks.SignIn, UriKind.Relative));
        Assert.Equal(expected, again.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Staff_with_a_return_address_go_there()
    {
        var user = await factory.CreateUserAsync(Roles.Operator);
        var client = factory.CreatePortalClient();

        var signIn = await client.GetPageAsync("/admin/pelatihan");
        var landed = await SubmitSignInAsync(client, signIn, user.Email!, SignIn.Password);

        Assert.Equal("/admin/pelatihan", new Uri(landed.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_job_seeker_who_forgot_the_password_resets_it_from_the_email_and_still_lands_on_the_chosen_apply_form()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var client = factory.CreatePortalClient();
        const string NewPassword = "Kopi-Serang-Pagi-2026";

        var signIn = await client.GetPageAsync(applyPath);
        var forgot = await client.GetPageAsync(MainLink(signIn, "Lupa kata sandi?"));
        Assert.Equal(applyPath, ReturnIn(forgot.Url));
        using (var sent = await client.SubmitAsync(forgot.MainForm(), new Dictionary<string, string> { ["Input.Email"] = user.Email! }))
        {
            Assert.Equal(applyPath, ReturnIn(sent.RequestMessage!.RequestUri!.PathAndQuery));
        }

        var link = OutboxReader.LinkTo(factory.Outbox.Latest(user.Email!, "Atur ulang kata sandi"), AccountLinks.ResetPassword);
        Assert.Equal(applyPath, ReturnIn(link));
        var reset = await client.GetPageAsync(link);
        using var changed = await client.SubmitAsync(reset.MainForm(), new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        var signInAgain = await Html.ParseAsync(changed);
        Assert.Equal(applyPath, ReturnIn(signInAgain.Url));

        var apply = await SubmitSignInAsync(client, signInAgain, user.Email!, NewPassword);
        Assert.Equal(applyPath, new Uri(apply.Url).AbsolutePath);
    }

    private static async Task<IHtmlDocument> SubmitSignInAsync(HttpClient client, IHtmlDocument signIn, string email, string password)
    {
        Assert.Equal(AccountLinks.SignIn, new Uri(signIn.Url).AbsolutePath);
        using var response = await client.SubmitAsync(signIn.MainForm(), Credentials(email, password));
        return await Html.ParseAsync(response);
    }

    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = TestAccounts.Password,
        ["Input.ConfirmPassword"] = TestAccounts.Password,
    };

    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    /// <summary>The href of the one link in &lt;main&gt; with this text.</summary>
    private static string MainLink(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == text).GetAttribute("href")!;

    /// <summary>The return address in a link's query, decoded; null when it has none.</summary>
    private static string? ReturnIn(string link)
    {
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query);
        return query.TryGetValue(AccountLinks.ReturnUrlParameter, out var value) ? value.ToString() : null;
    }
}
