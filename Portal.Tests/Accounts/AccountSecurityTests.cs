using Microsoft.AspNetCore.Identity;
using Portal.Shared;

namespace Portal.Tests.Accounts;

public class AccountSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Registration_answers_the_same_for_a_new_and_an_existing_address_and_tells_the_owner_by_email()
    {
        var existing = await factory.CreateJobSeekerAsync();
        var newEmail = TestAccounts.NewEmail();

        var answerForNew = await RegistrationAnswerAsync(newEmail);
        var answerForExisting = await RegistrationAnswerAsync(existing.Email!);

        Assert.Equal(answerForNew.Replace(newEmail, "ALAMAT", StringComparison.Ordinal), answerForExisting.Replace(existing.Email!, "ALAMAT", StringComparison.Ordinal));
        Assert.Contains("/akun/konfirmasi", factory.Outbox.Latest(newEmail, "Konfirmasi").TextBody, StringComparison.Ordinal);
        var notice = factory.Outbox.Latest(existing.Email!, "sudah memiliki akun");
        Assert.Contains("/akun/lupa-sandi", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/akun/konfirmasi", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == existing.Email)));
    }

    [Theory]
    [InlineData("bismillah", "terlalu umum")]
    [InlineData("Indonesia2025", "terlalu umum")]
    [InlineData("12345678", "terlalu umum")]
    [InlineData("pendek", "minimal 8")]
    [InlineData("aaaaaaaaaa", "4 karakter yang berbeda")]
    public async Task A_weak_password_is_refused_beside_the_password_field(string password, string message)
    {
        var email = TestAccounts.NewEmail();

        using var response = await factory.CreatePortalClient().RegisterAsync(email, password);

        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.FieldError("Input.Password"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#pesan-terkirim"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Mismatched_passwords_and_a_malformed_address_get_their_own_messages()
    {
        using var response = await factory.CreatePortalClient().RegisterAsync("bukan-email", confirmPassword: TestAccounts.Password + "x");

        var page = await Html.ParseAsync(response);
        Assert.Equal("Alamat email tidak valid.", page.FieldError("Input.Email"));
        Assert.Equal("Kedua kata sandi tidak sama.", page.FieldError("Input.ConfirmPassword"));
    }

    [Fact]
    public async Task Sign_in_gives_one_message_for_an_unknown_address_a_wrong_password_and_an_unconfirmed_account()
    {
        var confirmed = await factory.CreateJobSeekerAsync();
        var unconfirmed = await factory.CreateJobSeekerAsync(emailConfirmed: false);
        var client = factory.CreatePortalClient();

        var unknown = await SignInMessageAsync(client, TestAccounts.NewEmail(), TestAccounts.Password);
        var wrongPassword = await SignInMessageAsync(client, confirmed.Email!, "salah-sekali-kata-sandinya");
        var unconfirmedWrongPassword = await SignInMessageAsync(client, unconfirmed.Email!, "salah-sekali-kata-sandinya");

        Assert.Equal(SignInModel.RefusedMessage, unknown);
        Assert.Equal(SignInModel.RefusedMessage, wrongPassword);
        Assert.Equal(SignInModel.RefusedMessage, unconfirmedWrongPassword);
        Assert.Empty(factory.Outbox.To(unconfirmed.Email!));

        // Only the password's owner learns that the address awaits confirmation, and gets a new link.
        Assert.Equal(SignInModel.NotConfirmedMessage, await SignInMessageAsync(client, unconfirmed.Email!, TestAccounts.Password));
        Assert.Contains("/akun/konfirmasi", factory.Outbox.Latest(unconfirmed.Email!, "Konfirmasi").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_with_the_same_message_and_tell_the_owner()
    {
        var user = await factory.CreateJobSeekerAsync();

        // From five addresses: one client alone is stopped before it could lock the account (RateLimitTests).
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(SignInModel.RefusedMessage, await SignInMessageAsync(factory.ClientFrom($"198.51.100.{attempt}"), user.Email!, $"tebakan-salah-{attempt}"));
        }

        // Locked: even the right password is refused, with the message any failure gets.
        var client = factory.ClientFrom("198.51.100.10");
        Assert.Equal(SignInModel.RefusedMessage, await SignInMessageAsync(client, user.Email!, TestAccounts.Password));
        var lockoutEnd = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);

        // ASP.NET Core Identity 10 reads the system clock for lockouts (TimeProvider comes in 11).
        var remaining = lockoutEnd.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        // The owner is told once, with the time the lock ends (WIB) and what to do if it was not them.
        var notice = Assert.Single(factory.Outbox.To(user.Email!), m => m.Subject == "Akun Anda dikunci sementara");
        Assert.Contains(Wib.LongDateTime(lockoutEnd.Value.UtcDateTime), notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("bukan Anda", notice.TextBody, StringComparison.Ordinal);
        OutboxReader.LinkTo(notice, AccountLinks.ForgotPassword);

        // Once the 15 minutes are over, the right password works again.
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.LockoutEnd = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });
        using var signedIn = await client.SignInAsync(user.Email!);
        Assert.Equal(AccountLinks.Profile, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_with_the_emailed_link_and_the_page_does_not_tell_who_has_an_account()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = factory.CreatePortalClient();

        var unknownEmail = TestAccounts.NewEmail();
        var answerForUnknown = await ForgotPasswordAsync(client, unknownEmail);
        var answerForKnown = await ForgotPasswordAsync(client, user.Email!);
        Assert.Equal(answerForUnknown.Replace(unknownEmail, "ALAMAT", StringComparison.Ordinal), answerForKnown.Replace(user.Email!, "ALAMAT", StringComparison.Ordinal));
        Assert.Empty(factory.Outbox.To(unknownEmail));

        var link = OutboxReader.LinkTo(factory.Outbox.Latest(user.Email!, "Atur ulang"), AccountLinks.ResetPassword);
        var resetPage = await client.GetPageAsync(link);
        using (var weak = await client.SubmitAsync(resetPage.MainForm(), new Dictionary<string, string>
        {
            ["Input.Password"] = "password123",
            ["Input.ConfirmPassword"] = "password123",
        }))
        {
            Assert.Contains("terlalu umum", (await Html.ParseAsync(weak)).FieldError("Input.Password"), StringComparison.Ordinal);
        }

        const string newPassword = "teh-manis-di-taktakan";
        using (var reset = await client.SubmitAsync(resetPage.MainForm(), new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(AccountLinks.SignIn, reset.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("sudah diganti", (await Html.ParseAsync(reset)).Text(".status-message"), StringComparison.Ordinal);
        }

        Assert.Equal(SignInModel.RefusedMessage, await SignInMessageAsync(client, user.Email!, TestAccounts.Password));
        using (var signedIn = await client.SignInAsync(user.Email!, newPassword))
        {
            Assert.Equal(AccountLinks.Profile, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // The link served once: the password change made it invalid.
        var again = await factory.CreatePortalClient().GetPageAsync(link);
        Assert.Contains("tidak berlaku", again.Text("main .alert-danger"), StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("input[name='Input.Password']"));
    }

    [Fact]
    public async Task A_reset_link_with_a_forged_code_is_refused()
    {
        var user = await factory.CreateJobSeekerAsync();

        var page = await factory.CreatePortalClient().GetPageAsync($"{AccountLinks.ResetPassword}?akun={user.Id}&kode=bukan-kode");

        Assert.Contains("tidak berlaku", page.Text("main .alert-danger"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_is_confirmed_by_email()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);
        const string newPassword = "gerimis-di-kasemen-sore";

        var form = (await client.GetPageAsync(AccountLinks.ChangePassword)).MainForm();
        using (var wrong = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "bukan-kata-sandinya",
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal("Kata sandi saat ini salah.", (await Html.ParseAsync(wrong)).FieldError("Input.CurrentPassword"));
        }

        using (var changed = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestAccounts.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(AccountLinks.Profile, changed.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("sudah diubah", (await Html.ParseAsync(changed)).Text(".status-message"), StringComparison.Ordinal);
        }

        factory.Outbox.Latest(user.Email!, "telah diubah");
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, newPassword));
    }

    [Theory]
    [InlineData("/akun/profil")]
    [InlineData("/akun/profil/ubah")]
    [InlineData("/akun/lamaran")]
    [InlineData("/akun/data-pribadi")]
    [InlineData("/akun/ubah-sandi")]
    public async Task Account_pages_send_visitors_to_sign_in_and_back(string path)
    {
        using var response = await factory.CreatePortalClient(followRedirects: false).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/akun/masuk?kembali={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync("/akun/masuk?kembali=" + Uri.EscapeDataString("https://penipu.example/akun"));
        using var response = await client.SubmitAsync(page.MainForm(), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestAccounts.Password,
        });

        Assert.Equal("localhost", response.RequestMessage!.RequestUri!.Host);
        Assert.Equal(AccountLinks.Profile, response.RequestMessage.RequestUri.AbsolutePath);
    }

    private async Task<string> RegistrationAnswerAsync(string email)
    {
        using var response = await factory.CreatePortalClient().RegisterAsync(email, "sebuah kalimat panjang");
        return (await Html.ParseAsync(response)).Text("#pesan-terkirim");
    }

    private static async Task<string> ForgotPasswordAsync(HttpClient client, string email)
    {
        var form = (await client.GetPageAsync(AccountLinks.ForgotPassword)).MainForm();
        using var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = email });
        return (await Html.ParseAsync(response)).Text("#pesan-terkirim");
    }

    private static async Task<string> SignInMessageAsync(HttpClient client, string email, string password)
    {
        using var response = await client.SignInAsync(email, password);
        Assert.Equal(AccountLinks.SignIn, response.RequestMessage!.RequestUri!.AbsolutePath);
        return (await Html.ParseAsync(response)).SummaryErrors();
    }
}
