using AngleSharp.Html.Dom;
using AngleSharp.Dom;
using Portal.Security;

namespace Portal.Tests.Security;

/// <summary>The portal with limits low enough to reach in a test. Each test comes from its own client addresses.</summary>
public sealed class LowLimitsPortalFactory : PortalFactory
{
    public const int Searches = 3;
    public const int Registrations = 2;
    public const int SignIns = 6;
    public const int EmailsPerAddress = 3;
    public const int PerAccount = 2;

    protected override void ConfigureRateLimits(RateLimitOptions limits)
    {
        base.ConfigureRateLimits(limits);
        limits.SearchesPerMinute = Searches;
        limits.RegistrationsPerHour = Registrations;
        limits.SignInsPerMinute = SignIns;
        limits.PasswordResetsPerHour = 2;
        limits.EmailsPerAddressPerHour = EmailsPerAddress;
        limits.ProfileSavesPerHour = PerAccount;
        limits.UploadsPerMinute = PerAccount;
    }
}

public class RateLimitTests(LowLimitsPortalFactory factory) : IClassFixture<LowLimitsPortalFactory>
{
    private static int _lastAddress;

    [Fact]
    public async Task Searching_beyond_the_limit_gets_the_Indonesian_429_page_with_Retry_After()
    {
        var client = factory.ClientFrom(NewAddress());
        for (var search = 1; search <= LowLimitsPortalFactory.Searches; search++)
        {
            await client.GetPageAsync($"/cari?q=barista+{search}");
        }

        using var refused = await client.GetAsync(new Uri("/cari?q=sablon", UriKind.Relative));

        await AssertTooManyRequestsPageAsync(refused);

        // The limit is the client's own: another address searches on.
        await factory.ClientFrom(NewAddress()).GetPageAsync("/cari?q=sablon");

        // Monitoring sees the refusal, by policy name only.
        var metrics = await factory.ClientFrom("127.0.0.1").GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Matches($@"(?m)^portal_rate_limit_rejections_total\{{[^}}]*policy=""{RateLimits.Search}""[^}}]*\}} [1-9]", metrics);
    }

    [Fact]
    public async Task Registering_beyond_the_limit_is_refused_but_the_form_can_still_be_read()
    {
        var client = factory.ClientFrom(NewAddress(), followRedirects: false);
        for (var registration = 1; registration <= LowLimitsPortalFactory.Registrations; registration++)
        {
            using var registered = await client.RegisterAsync(TestAccounts.NewEmail());
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

            // As a browser would: the page after the redirect shows the next steps, without the form.
            await client.GetPageAsync(registered.Headers.Location!.OriginalString);
        }

        var email = TestAccounts.NewEmail();
        using var refused = await client.RegisterAsync(email);

        await AssertTooManyRequestsPageAsync(refused);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        await client.GetPageAsync(AccountLinks.Register);
    }

    [Fact]
    public async Task Sign_in_posts_are_limited_per_client_while_the_form_stays_open()
    {
        var client = factory.ClientFrom(NewAddress());
        for (var attempt = 1; attempt <= LowLimitsPortalFactory.SignIns; attempt++)
        {
            using var refusedSignIn = await client.SignInAsync(TestAccounts.NewEmail(), "bukan-kata-sandinya");
            Assert.Equal(HttpStatusCode.OK, refusedSignIn.StatusCode);
            Assert.Equal(SignInModel.RefusedMessage, (await Html.ParseAsync(refusedSignIn)).SummaryErrors());
        }

        using var limited = await client.SignInAsync(TestAccounts.NewEmail(), "bukan-kata-sandinya");

        await AssertTooManyRequestsPageAsync(limited);
        await client.GetPageAsync(AccountLinks.SignIn);
    }

    [Fact]
    public async Task Two_hundred_password_resets_from_as_many_addresses_send_only_the_budget_of_emails()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = factory.CreatePortalClient(followRedirects: false);
        var form = (await client.GetPageAsync(AccountLinks.ForgotPassword)).MainForm();

        var answers = new List<HttpStatusCode>();
        foreach (var wave in Enumerable.Range(0, 10))
        {
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                using var response = await PostFromAsync(client, form, new Dictionary<string, string> { ["Input.Email"] = user.Email! }, NewAddress());
                return response.StatusCode;
            })));
        }

        // Every request gets the same neutral answer; only the budget's worth of emails is written.
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Redirect, status));
        Assert.Equal(LowLimitsPortalFactory.EmailsPerAddress, factory.Outbox.To(user.Email!).Count(m => m.Subject == "Atur ulang kata sandi"));
        var page = await Html.ParseAsync(await client.GetAsync(new Uri(AccountLinks.ForgotPassword, UriKind.Relative)));
        Assert.Contains(user.Email!, page.Text("#pesan-terkirim"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_client_guessing_a_staff_password_is_stopped_before_the_account_locks()
    {
        var staff = await factory.CreateUserAsync(Roles.Operator);
        var attacker = factory.ClientFrom(NewAddress());

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(SignInModel.RefusedMessage, (await Html.ParseAsync(await attacker.SignInAsync(staff.Email!, $"tebakan-{attempt}"))).SummaryErrors());
        }

        using (var throttled = await attacker.SignInAsync(staff.Email!, "tebakan-4"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            var page = await Html.ParseAsync(throttled);
            Assert.Contains("Terlalu banyak percobaan masuk yang gagal", page.SummaryErrors(), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("main form input[name='Input.Email']"));
        }

        for (var attempt = 5; attempt <= 12; attempt++)
        {
            using var refused = await attacker.SignInAsync(staff.Email!, $"tebakan-{attempt}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == staff.Id));
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(3, stored.AccessFailedCount);
        Assert.Empty(factory.Outbox.To(staff.Email!));

        // The owner, from their own address, is not locked out.
        using var owner = await factory.ClientFrom(NewAddress()).SignInAsync(staff.Email!, SignIn.Password);
        Assert.NotEqual(AccountLinks.SignIn, owner.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_sign_in_throttle_answers_the_same_for_an_address_without_an_account()
    {
        var attacker = factory.ClientFrom(NewAddress());
        var unknown = TestAccounts.NewEmail();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var _ = await attacker.SignInAsync(unknown, $"tebakan-{attempt}");
        }

        using var throttled = await attacker.SignInAsync(unknown, "tebakan-4");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Terlalu banyak percobaan masuk yang gagal", (await Html.ParseAsync(throttled)).SummaryErrors(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_saves_are_limited_per_account_not_per_address()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateJobSeekerAsync());
        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        for (var save = 1; save <= LowLimitsPortalFactory.PerAccount; save++)
        {
            using var saved = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.FullName"] = "Budi" });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var refused = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.FullName"] = "Budi" });

        await AssertTooManyRequestsPageAsync(refused);

        // Another account on the same (test server's) address saves on.
        var other = await factory.SignedInClientAsync(await factory.CreateJobSeekerAsync());
        using var otherSave = await other.SubmitAsync((await other.GetPageAsync(AccountLinks.EditProfile)).MainForm(), new Dictionary<string, string> { ["Input.FullName"] = "Siti" });
        Assert.Equal(HttpStatusCode.OK, otherSave.StatusCode);
    }

    [Fact]
    public async Task Article_editor_posts_that_may_carry_an_upload_are_limited_but_the_live_preview_is_not()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        for (var save = 1; save <= LowLimitsPortalFactory.PerAccount; save++)
        {
            using var saved = await client.ClickAsync(form, "Simpan", new Dictionary<string, string> { ["Input.Title"] = string.Empty });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using (var refused = await client.ClickAsync(form, "Simpan", new Dictionary<string, string> { ["Input.Title"] = string.Empty }))
        {
            await AssertTooManyRequestsPageAsync(refused);
        }

        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        for (var preview = 1; preview <= 5; preview++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["markdown"] = "*miring*" });
            using var rendered = await client.PostAsync(new Uri("/admin/berita/baru?handler=RenderPreview", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        }
    }

    private static async Task AssertTooManyRequestsPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        var page = await Html.ParseAsync(response);
        Assert.Equal("Terlalu banyak permintaan", page.Text("main h1"));
        Assert.Contains("tunggu", page.Text("main .lead"), StringComparison.Ordinal);
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
    }

    /// <summary>Posts a form from a given client address, as many machines behind one attacker would.</summary>
    private static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, IHtmlFormElement form, IDictionary<string, string> values, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Html.Target(form, form.GetAttribute("action")))
        {
            Content = new FormUrlEncodedContent(Html.FormFields(form, values)),
        };
        request.Headers.Add(PortalFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    /// <summary>A documentation address (RFC 5737) no other test uses.</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return $"203.0.{113 + n / 250}.{n % 250 + 1}";
    }
}

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void A_client_is_counted_by_its_address_and_an_IPv6_one_by_its_64_network(string address, string counted)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(counted, RateLimits.ClientAddress(context));
    }
}
