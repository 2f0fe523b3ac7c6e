using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Shared;

namespace Portal.Tests.Admin.News;

/// <summary>Publishing at a WIB time: the clock moves, nobody restarts anything or visits the staff area.</summary>
public class SchedulingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_scheduled_article_appears_everywhere_at_its_WIB_time_and_unpublishing_removes_it_everywhere()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var title = $"Pelatihan Barista Gelombang Baru Dibuka {Guid.NewGuid():N}";
        var nowWib = Wib.ToWib(factory.Clock.GetUtcNow().UtcDateTime);
        var atWib = nowWib.Date.AddDays(1).AddHours(9);

        var page = await ScheduleNewArticleAsync(client, title, atWib);

        Assert.Equal("Terjadwal", page.Text(".article-state"));
        Assert.Contains("pukul 09.00 WIB", page.Text("[role=status]"), StringComparison.Ordinal);
        var article = await factory.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Title == title));
        Assert.Equal(Wib.ToUtc(atWib), article.PublishedAtUtc);
        Assert.Equal(2, article.PublishedAtUtc.Hour);
        await AssertPublicAsync(article.Slug, title, visible: false);

        factory.Clock.SetUtcNow(new DateTimeOffset(Wib.ToUtc(atWib)).AddMinutes(-1));
        await AssertPublicAsync(article.Slug, title, visible: false);

        factory.Clock.SetUtcNow(new DateTimeOffset(Wib.ToUtc(atWib)));
        await AssertPublicAsync(article.Slug, title, visible: true);

        var edit = await client.EditArticleFormAsync(article.Id);
        page = await Html.ParseAsync(await client.ClickAsync(edit, "Batalkan penerbitan"));

        Assert.Equal("Draf", page.Text(".article-state"));
        await AssertPublicAsync(article.Slug, title, visible: false);
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Target.Contains(article.Slug)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.ArticleScheduled, AuditAction.ArticleUnpublished], actions);
    }

    [Fact]
    public async Task A_schedule_time_that_has_passed_is_refused_beside_the_field()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var title = $"Terlambat {Guid.NewGuid():N}";
        var pastWib = Wib.ToWib(factory.Clock.GetUtcNow().UtcDateTime).AddHours(-1);

        var page = await ScheduleNewArticleAsync(client, title, pastWib);

        Assert.Contains("harus setelah saat ini", page.Text("[data-valmsg-for='Input.PublishAtWib']"), StringComparison.Ordinal);
        Assert.False(await factory.AnyArticleTitledAsync(title));
    }

    /// <summary>Posts a new article with the Jadwalkan button, to appear at the given WIB time.</summary>
    private static async Task<IHtmlDocument> ScheduleNewArticleAsync(HttpClient client, string title, DateTime atWib)
    {
        var form = await client.NewArticleFormAsync();
        return await Html.ParseAsync(await client.ClickAsync(form, "Jadwalkan", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Pendaftaran gelombang baru pelatihan barista dibuka.",
            ["Input.Body"] = "Pendaftaran dibuka untuk 16 peserta.",
            ["Input.PublishAtWib"] = atWib.ToString("yyyy-MM-dd'T'HH:mm"),
        }));
    }

    /// <summary>The home page, the news list, the feed, the sitemap and the article's own address agree.</summary>
    private async Task AssertPublicAsync(string slug, string title, bool visible)
    {
        var visitor = factory.CreatePortalClient();
        var home = await visitor.GetStringAsync(new Uri("/", UriKind.Relative));
        var list = await visitor.GetStringAsync(new Uri("/berita", UriKind.Relative));
        var feed = await visitor.GetStringAsync(new Uri("/feed.xml", UriKind.Relative));
        var sitemap = await visitor.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        using var own = await visitor.GetAsync(new Uri($"/berita/{slug}", UriKind.Relative));

        Assert.Equal(visible, home.Contains(title, StringComparison.Ordinal));
        Assert.Equal(visible, list.Contains(title, StringComparison.Ordinal));
        Assert.Equal(visible, feed.Contains(title, StringComparison.Ordinal));
        Assert.Equal(visible, sitemap.Contains($"/berita/{slug}<", StringComparison.Ordinal));
        Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, own.StatusCode);
    }
}
