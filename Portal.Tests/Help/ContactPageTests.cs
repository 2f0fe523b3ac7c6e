using AngleSharp.Html.Dom;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Help;

/// <summary>The office's contact as configured, every value a working link.</summary>
public sealed class ContactFactory : PortalFactory
{
    public const string Phone = "(0254) 123456";
    public const string WhatsApp = "0812-9999-0000";
    public const string Email = "disnakertrans@contoh.go.id";
    public const string Address = "Jl. Contoh No. 1, Cipocok Jaya, Kota Serang";
    public const string Hours = "Senin–Jumat, 08.00–15.00 WIB";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [Key(nameof(SiteOptions.OfficePhone))] = Phone,
        [Key(nameof(SiteOptions.OfficeWhatsApp))] = WhatsApp,
        [Key(nameof(SiteOptions.OfficeEmail))] = Email,
        [Key(nameof(SiteOptions.OfficeAddress))] = Address,
        [Key(nameof(SiteOptions.OfficeHours))] = Hours,
    };

    public static string Key(string setting) => $"{SiteOptions.Section}:{setting}";
}

/// <summary>/kontak: phone, WhatsApp, email, address with a map, opening hours and SP4N-LAPOR!, all from configuration.</summary>
public class ContactPageTests(ContactFactory factory) : IClassFixture<ContactFactory>
{
    [Fact]
    public async Task The_contact_page_shows_each_configured_value_as_a_working_link()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/kontak");

        Assert.Equal("Kontak dan pengaduan", page.Text("h1"));
        Assert.Equal("tel:+62254123456", Href(page, "#kontak-telepon"));
        Assert.Equal(ContactFactory.Phone, page.Text("#kontak-telepon"));
        Assert.Equal("https://wa.me/6281299990000", Href(page, "#kontak-whatsapp"));
        Assert.Equal("0812-9999-0000", page.Text("#kontak-whatsapp"));
        Assert.Equal($"mailto:{ContactFactory.Email}", Href(page, "#kontak-email"));
        Assert.Contains(ContactFactory.Address, page.Text("#kontak-alamat"), StringComparison.Ordinal);
        Assert.Equal(ContactFactory.Hours, page.Text("#kontak-jam"));
        Assert.Equal("https://www.lapor.go.id", Href(page, "#kontak-lapor"));

        var map = new Uri(Href(page, "#kontak-peta"));
        Assert.Equal("https://www.google.com/maps/search/", map.GetLeftPart(UriPartial.Path));
        Assert.Contains(ContactFactory.Address, Uri.UnescapeDataString(map.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_of_every_page_links_the_contact_page_and_the_faq()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/berita");

        var footerLinks = page.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/kontak", footerLinks);
        Assert.Contains("/tanya-jawab", footerLinks);
    }

    [Fact]
    public async Task The_consent_text_links_the_contact_page_and_the_faq_under_a_new_version()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var client = await factory.SignedInClientAsync(user.Email!);

        var page = await client.GetPageAsync(TrainingLinks.Apply(batch.Programme!.Slug, batch.Id));

        var consent = page.QuerySelector(".consent-text")!;
        Assert.Equal(ApplicationConsent.Version, consent.GetAttribute("data-version"));
        Assert.NotEqual("2025-11.1", ApplicationConsent.Version);
        var links = consent.QuerySelectorAll("a").ToDictionary(a => a.GetAttribute("href")!, a => a.TextContent.Trim());
        Assert.StartsWith("Kontak dan pengaduan", links["/kontak"], StringComparison.Ordinal);
        Assert.StartsWith("Tanya jawab", links["/tanya-jawab"], StringComparison.Ordinal);
    }

    private static string Href(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.GetAttribute("href") ?? throw new Xunit.Sdk.XunitException($"No link '{selector}'");
}

/// <summary>Only the address and hours set (appsettings.json ships no phone, WhatsApp or email), and no complaint link.</summary>
public sealed class SparseContactFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [ContactFactory.Key(nameof(SiteOptions.ComplaintUrl))] = string.Empty,
        [ContactFactory.Key(nameof(SiteOptions.OfficeHours))] = string.Empty,
    };
}

public class SparseContactPageTests(SparseContactFactory factory) : IClassFixture<SparseContactFactory>
{
    [Fact]
    public async Task Values_left_empty_are_left_off_the_contact_page()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/kontak");

        foreach (var absent in new[] { "#kontak-telepon", "#kontak-whatsapp", "#kontak-email", "#kontak-jam", "#kontak-lapor" })
        {
            Assert.Null(page.QuerySelector(absent));
        }

        Assert.DoesNotContain(page.QuerySelectorAll("main dt"), dt => dt.TextContent.Trim() is "Telepon" or "WhatsApp" or "Email" or "Jam layanan");
        Assert.NotNull(page.QuerySelector("#kontak-alamat"));
        Assert.NotNull(page.QuerySelector("#kontak-peta"));
        Assert.DoesNotContain("wa.me", page.Body!.InnerHtml, StringComparison.Ordinal);
    }
}

/// <summary>A contact value that is set must work when tapped: a wrong one stops the start and names the setting.</summary>
public class ContactSettingsTests
{
    [Theory]
    [InlineData(nameof(SiteOptions.OfficeWhatsApp), "0254-123456")]
    [InlineData(nameof(SiteOptions.OfficeWhatsApp), "nomor WA kantor")]
    [InlineData(nameof(SiteOptions.OfficePhone), "telepon 0254")]
    [InlineData(nameof(SiteOptions.OfficeEmail), "disnakertrans.serangkota.go.id")]
    [InlineData(nameof(SiteOptions.ComplaintUrl), "http://www.lapor.go.id")]
    [InlineData(nameof(SiteOptions.OfficeMapUrl), "javascript:alert(1)")]
    public void A_contact_setting_that_would_make_a_dead_link_stops_the_start(string setting, string value)
    {
        using var factory = new ConfiguredContactFactory(setting, value);

        var log = factory.StartFailure();

        Assert.Contains($"Portal:Site:{setting} = \"{value}\"", log, StringComparison.Ordinal);
    }

    private sealed class ConfiguredContactFactory(string setting, string value) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [ContactFactory.Key(setting)] = value };
    }
}
