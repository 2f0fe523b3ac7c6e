using System.Xml.Linq;
using Portal.Help;
using Portal.Search;
using Portal.Tests.Search;

namespace Portal.Tests.Help;

/// <summary>/tanya-jawab from the shipped content/faq: on the page, in search (answers too) and in the sitemap.</summary>
public class FaqPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_faq_lists_every_question_with_its_answer_and_an_anchor_the_contents_link_to()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/tanya-jawab");

        var questions = page.QuerySelectorAll("main section[id] > h2").Select(h => h.TextContent.Trim()).ToList();
        foreach (var topic in new[] { "kartu kuning", "biaya", "sertifikat", "uang transport", "pekerjaan", "data pribadi", "mendaftar" })
        {
            Assert.Contains(questions, q => q.Contains(topic, StringComparison.OrdinalIgnoreCase));
        }

        var anchors = page.QuerySelectorAll("main nav ol a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(page.QuerySelectorAll("main section[id]").Select(s => "#" + s.Id).ToList(), anchors);
        Assert.Contains("#kartu-kuning-ak-1", anchors);
        Assert.Contains("tidak dipungut biaya", page.Text("#biaya-pelatihan .article-body"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#kartu-kuning-ak-1 .article-body ul li"));
    }

    [Theory]
    [InlineData("kartu kuning", "kartu-kuning-ak-1")]
    [InlineData("sertifikat", "sertifikat")]
    [InlineData("uang transport", "uang-transport")]
    [InlineData("menjanjikan kelulusan seleksi", "biaya-pelatihan")] // words of an answer only
    public async Task Search_finds_a_question_by_its_words_and_links_its_anchor(string query, string slug)
    {
        await factory.SearchCaughtUpAsync();

        var page = await factory.CreatePortalClient().GetPageAsync(SearchAddress.For(query));

        var links = page.QuerySelectorAll(".search-result h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/tanya-jawab#{slug}", links);
    }

    [Fact]
    public async Task The_sitemap_lists_the_faq_and_the_contact_page()
    {
        var xml = XDocument.Parse(await factory.CreatePortalClient().GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));

        var locations = xml.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")).Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/tanya-jawab", locations);
        Assert.Contains("http://localhost/kontak", locations);
    }
}

/// <summary>A content folder of FAQ files written by the test: hostile, broken and good ones.</summary>
public sealed class FaqFolderFactory : ContentFolderFactory
{
    public FaqFolderFactory()
    {
        var folder = Path.Combine(ContentPath, FaqContent.Folder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "aman.md"), """
            ---
            question: "Apakah pertanyaan ini aman?"
            order: 1
            ---
            Ya. <script>alert('faq')</script> [Klik di sini](javascript:alert(1)) <img src=x onerror=alert(2)>
            """);
        File.WriteAllText(Path.Combine(folder, "tanpa-pertanyaan.md"), """
            ---
            order: 2
            ---
            Jawaban tanpa pertanyaan.
            """);
        File.WriteAllText(Path.Combine(folder, "rusak.md"), "question: tanpa front matter\n");
        File.WriteAllText(Path.Combine(folder, "kedua.md"), """
            ---
            question: "Pertanyaan kedua?"
            order: 3
            keywords: [katakuncirahasia]
            ---
            Jawaban **kedua**.
            """);
    }
}

public class FaqContentTests(FaqFolderFactory factory) : IClassFixture<FaqFolderFactory>
{
    [Fact]
    public async Task Script_in_an_answer_is_not_rendered()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/tanya-jawab");

        var answer = page.QuerySelector("#aman .article-body")!;
        Assert.Empty(answer.QuerySelectorAll("script, img, [onerror]"));
        Assert.DoesNotContain(answer.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? string.Empty).Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task A_broken_faq_file_is_reported_and_skipped_and_the_others_are_shown()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/tanya-jawab");

        Assert.Equal(["Apakah pertanyaan ini aman?", "Pertanyaan kedua?"], page.QuerySelectorAll("main section[id] > h2").Select(h => h.TextContent.Trim()));
        Assert.Contains(factory.Logs.Lines, l => l.Contains("tanpa-pertanyaan.md skipped: question is missing", StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Lines, l => l.Contains("rusak.md skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_is_found_by_its_keywords()
    {
        await factory.SearchCaughtUpAsync();

        Assert.Equal(["/tanya-jawab#kedua"], factory.Search("katakuncirahasia").Urls());
    }
}
