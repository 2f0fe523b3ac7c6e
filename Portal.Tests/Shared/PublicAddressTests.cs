using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Shared;

/// <summary>
/// A portal whose public address differs from the host the test server's requests carry
/// (localhost, accepted as a loopback host): every link it writes must name the public address.
/// </summary>
public sealed class PublicAddressPortalFactory : PortalFactory
{
    public const string PublicAddress = "https://pelatihan.contoh.go.id";

    public override string PublicBaseUrl => PublicAddress;

    protected override string EnvironmentName => "Production";
}

public class PublicAddressTests(PublicAddressPortalFactory factory) : IClassFixture<PublicAddressPortalFactory>
{
    private const string Attacker = "evil.example";

    [Fact]
    public async Task A_request_naming_another_host_is_refused_before_the_app_runs()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Attacker}/") });

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var reset = await client.PostAsync(
            new Uri(AccountLinks.ForgotPassword, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "korban@contoh.id" }));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Empty(await page.Content.ReadAsStringAsync());
        Assert.Empty(factory.Outbox.To("korban@contoh.id"));
    }

    [Fact]
    public async Task The_password_reset_email_links_to_the_public_address_whatever_host_the_request_claims()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = PoisonedClient();
        var form = (await client.GetPageAsync(AccountLinks.ForgotPassword)).MainForm();

        using var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = user.Email! });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = factory.Outbox.Latest(user.Email!, "Atur ulang kata sandi");
        Assert.Contains($"{PublicAddressPortalFactory.PublicAddress}{AccountLinks.ResetPassword}?", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, email.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://localhost", email.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_confirmation_email_links_to_the_public_address_whatever_host_the_request_claims()
    {
        var address = TestAccounts.NewEmail();

        using var response = await PoisonedClient().RegisterAsync(address);

        var email = factory.Outbox.Latest(address, "Konfirmasi");
        Assert.Contains($"{PublicAddressPortalFactory.PublicAddress}{AccountLinks.ConfirmEmail}?", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, email.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Canonical_links_the_feed_the_sitemap_and_robots_name_only_the_public_address()
    {
        var client = PoisonedClient();

        var article = await client.GetPageAsync("/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan");
        var feed = XDocument.Parse(await client.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));
        var sitemap = XDocument.Parse(await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        var robots = await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative));

        var links = new List<string>
        {
            article.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!,
            article.Meta("og:url")!,
            article.Meta("og:image")!,
        };
        links.AddRange(feed.Descendants("link").Select(l => l.Value));
        links.AddRange(feed.Descendants("guid").Select(l => l.Value));
        links.AddRange(sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(l => l.Value));
        links.Add(robots.Split("Sitemap: ")[1].Trim());

        Assert.True(links.Count > 10, $"Too few links read: {links.Count}");
        Assert.All(links, link => Assert.StartsWith(PublicAddressPortalFactory.PublicAddress + "/", link, StringComparison.Ordinal));
    }

    /// <summary>
    /// A client whose requests claim another host the ways a proxy or attacker can: a forwarded
    /// host and scheme (the Host itself is refused, see above).
    /// </summary>
    private HttpClient PoisonedClient()
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", Attacker);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        client.DefaultRequestHeaders.Add("X-Original-Host", Attacker);
        return client;
    }
}

/// <summary>Outside Development the portal does not start without a valid public address.</summary>
public class PublicAddressRequiredTests
{
    [Theory]
    [InlineData("")]
    [InlineData("pelatihan.contoh.go.id")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://pelatihan.contoh.go.id/?dari=email")]
    [InlineData("http://pelatihan.contoh.go.id")]
    public void The_portal_refuses_to_start_without_a_valid_public_address(string configured)
    {
        using var factory = new ConfiguredAddressFactory(configured);

        var log = factory.StartFailure();

        Assert.Contains("Critical Portal: Portal tidak dimulai, konfigurasi salah: Portal:Site:PublicBaseUrl", log, StringComparison.Ordinal);
    }

    private sealed class ConfiguredAddressFactory(string configured) : PortalFactory
    {
        public override string PublicBaseUrl => configured;

        protected override string EnvironmentName => "Production";
    }
}
