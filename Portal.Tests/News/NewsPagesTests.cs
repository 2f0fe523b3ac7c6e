namespace Portal.Tests.News;

public class NewsPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string SoftSkillSlug = "36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan";

    [Fact]
    public async Task The_soft_skill_press_release_is_served_with_an_Indonesian_date_and_link_previews()
    {
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync($"/berita/{SoftSkillSlug}");

        Assert.Contains("36", page.Text("h1"), StringComparison.Ordinal);
        var time = page.QuerySelector("article time")!;
        Assert.Equal("Senin, 24 November 2025", time.TextContent.Trim());
        Assert.StartsWith("2025-11-24T", time.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.EndsWith("+07:00", time.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/berita/{SoftSkillSlug}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", page.Meta("og:type"));
        Assert.Equal(page.Text("h1"), page.Meta("og:title"));
        Assert.False(string.IsNullOrWhiteSpace(page.Meta("og:description")));
        Assert.StartsWith("http://localhost/", page.Meta("og:image"), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", page.Meta("twitter:card"));
        Assert.Contains("menit baca", page.Text(".article-meta"), StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".related-list li"));
        Assert.Contains(page.QuerySelectorAll(".article-body p"), p => p.TextContent.Contains("APBN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_article_gives_an_Indonesian_404_page_with_a_search_box()
    {
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync("/berita/tidak-ada-berita-ini", HttpStatusCode.NotFound);

        Assert.Equal("Halaman tidak ditemukan", page.Text("h1"));
        Assert.NotNull(page.QuerySelector("main form[action='/cari'] input[name=q]"));
    }
}
