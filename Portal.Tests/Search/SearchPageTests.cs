using AngleSharp.Html.Dom;

namespace Portal.Tests.Search;

public class SearchPageTests(ShippedContentFactory factory) : IClassFixture<ShippedContentFactory>
{
    [Fact]
    public async Task Results_show_kind_title_link_highlighted_snippet_and_WIB_date_and_keep_the_query()
    {
        var page = await SearchPageAsync("/cari?q=pelatihan+barista");

        Assert.Equal("pelatihan barista", ((IHtmlInputElement)page.QuerySelector("main form[action='/cari'] input[name=q]")!).Value);
        Assert.Equal("pelatihan barista", ((IHtmlInputElement)page.QuerySelector("header input[name=q]")!).Value);
        var results = page.QuerySelectorAll(".search-result");
        Assert.NotEmpty(results);
        var first = results[0];
        Assert.Equal("Program", first.Text(".search-kind"));
        Assert.Equal("/pelatihan/barista", first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Contains(results, r => r.QuerySelector(".search-snippet mark") is not null);
        var news = results.First(r => r.Text(".search-kind") == "Berita");
        var time = news.QuerySelector(".search-meta time")!;
        Assert.EndsWith("+07:00", time.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.Matches(@"^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \p{L}+ \d{4}$", time.TextContent.Trim());
        Assert.Equal("noindex", page.Meta("robots"));
    }

    [Fact]
    public async Task A_kind_facet_link_filters_the_results_and_its_count_matches()
    {
        var client = factory.CreatePortalClient();
        var page = await SearchPageAsync("/cari?q=pelatihan+barista", client);
        var batches = page.QuerySelectorAll("[data-facet=jenis] a").Single(a => a.TextContent.StartsWith("Gelombang", StringComparison.Ordinal));
        var count = int.Parse(batches.Text(".facet-count").Trim('(', ')'), System.Globalization.CultureInfo.InvariantCulture);

        var filtered = await client.GetPageAsync(batches.GetAttribute("href")!);

        var kinds = filtered.QuerySelectorAll(".search-result .search-kind").Select(k => k.TextContent.Trim()).ToList();
        Assert.Equal(count, kinds.Count);
        Assert.All(kinds, k => Assert.Equal("Gelombang", k));
        Assert.Equal("true", filtered.QuerySelectorAll("[data-facet=jenis] a").Single(a => a.TextContent.StartsWith("Gelombang", StringComparison.Ordinal)).GetAttribute("aria-current"));
        Assert.All(filtered.QuerySelectorAll(".search-result .badge:not(.search-kind)"), b => Assert.Contains(b.TextContent.Trim(), new[] { "Dibuka", "Segera dibuka", "Ditutup" }));
    }

    [Fact]
    public async Task Results_come_before_the_filters_which_fold_away_and_count_the_chosen_ones()
    {
        var client = factory.CreatePortalClient();
        var page = await SearchPageAsync("/cari?q=pelatihan+barista", client);

        var results = page.QuerySelector("ol.search-results")!;
        var filters = page.QuerySelector("details.search-filters")!;
        Assert.True(results.CompareDocumentPosition(filters).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.False(filters.HasAttribute("open"));
        Assert.Equal("Saring hasil", filters.Text("summary"));
        var kind = filters.QuerySelectorAll("[data-facet=jenis] a").First(a => a.GetAttribute("aria-current") is null);

        var filtered = await client.GetPageAsync(kind.GetAttribute("href")!);

        Assert.Equal("Saring hasil (1 dipilih)", filtered.Text("details.search-filters summary"));
    }

    [Fact]
    public async Task Programme_and_year_facets_filter_by_their_value()
    {
        var client = factory.CreatePortalClient();
        var page = await SearchPageAsync("/cari?q=pelatihan", client);
        var sablon = page.QuerySelectorAll("[data-facet=program] a").Single(a => a.TextContent.Contains("Sablon", StringComparison.Ordinal));
        var year = page.QuerySelectorAll("[data-facet=tahun] a").Single(a => a.TextContent.StartsWith("2025", StringComparison.Ordinal));

        var bySablon = await client.GetPageAsync(sablon.GetAttribute("href")!);
        var byYear = await client.GetPageAsync(year.GetAttribute("href")!);

        Assert.NotEmpty(bySablon.QuerySelectorAll(".search-result"));
        Assert.All(bySablon.QuerySelectorAll(".search-result h3 a"), a => Assert.Contains("sablon", a.GetAttribute("href") + a.TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("program=sablon", sablon.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotEmpty(byYear.QuerySelectorAll(".search-result"));
        Assert.DoesNotContain(byYear.QuerySelectorAll(".search-result"), r => r.Text(".search-kind") == "Program");
    }

    [Fact]
    public async Task Newest_first_orders_the_news_by_date()
    {
        var client = factory.CreatePortalClient();
        var page = await SearchPageAsync("/cari?q=pelatihan&jenis=berita", client);
        var newest = await client.GetPageAsync(page.QuerySelectorAll(".search-order a").Single(a => a.TextContent == "terbaru").GetAttribute("href")!);

        var dates = newest.QuerySelectorAll(".search-result time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(dates.Count > 2);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Pages_of_results_link_to_each_other_and_keep_the_query()
    {
        var client = factory.CreatePortalClient();
        var first = await SearchPageAsync("/cari?q=pelatihan", client);
        var next = first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href")!;

        var second = await client.GetPageAsync(next);

        Assert.Contains("halaman=2", next, StringComparison.Ordinal);
        Assert.Contains("q=pelatihan", next, StringComparison.Ordinal);
        var firstKeys = first.QuerySelectorAll(".search-result").Select(r => r.GetAttribute("data-key"));
        var secondKeys = second.QuerySelectorAll(".search-result").Select(r => r.GetAttribute("data-key")).ToList();
        Assert.NotEmpty(secondKeys);
        Assert.Empty(firstKeys.Intersect(secondKeys));
    }

    [Fact]
    public async Task Nothing_found_shows_suggestions_that_do_find_something()
    {
        var client = factory.CreatePortalClient();
        var page = await SearchPageAsync("/cari?q=qwxzv+plmkj", client);

        Assert.Contains("Tidak ada hasil", page.Text(".search-empty"), StringComparison.Ordinal);
        var suggestion = page.QuerySelector(".search-suggestions a")!.GetAttribute("href")!;
        var suggested = await client.GetPageAsync(suggestion);
        Assert.NotEmpty(suggested.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task A_typo_finds_the_word_meant_and_says_so()
    {
        var page = await SearchPageAsync("/cari?q=barsita");

        Assert.Contains("mirip", page.Text(".search-notice"), StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll(".search-result h3 a"), a => a.GetAttribute("href") == "/pelatihan/barista");
        Assert.Contains(page.QuerySelectorAll(".search-result mark"), m => m.TextContent.Equals("Barista", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("title:(barista AND")]
    [InlineData("barista~2^10 [a TO z] {x}")]
    [InlineData("\u0000\u0007barista\u202E")]
    [InlineData("قهوة 咖啡 кофе barista")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%%%%")]
    [InlineData("a* b* c* d* e* f*")]
    [InlineData("\\")]
    public async Task Any_input_gives_a_page_never_an_error(string query)
    {
        var page = await SearchPageAsync("/cari?q=" + Uri.EscapeDataString(query));

        Assert.Equal("Cari berita dan pelatihan", page.Text("h1"));
        Assert.Null(page.QuerySelector("main script"));
    }

    [Fact]
    public async Task Ten_thousand_characters_are_cut_with_a_message()
    {
        var page = await SearchPageAsync("/cari?q=" + string.Concat(Enumerable.Repeat("barista+", 1_250)));

        Assert.Contains("terlalu panjang", page.Text("main"), StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)page.QuerySelector("main input[name=q]")!).Value.Length <= 200);
        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task Stored_text_is_encoded_in_titles_and_snippets()
    {
        var word = SearchWords.Unique();
        await factory.WithDbAsync(db =>
        {
            db.Articles.Add(TestData.Article(
                title: $"<img src=x onerror=alert(1)> {word}",
                body: $"Teks <script>alert('x')</script> {word} & <b>tebal</b>",
                publishedAtUtc: factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1)));
            return db.SaveChangesAsync();
        });

        var page = await SearchPageAsync($"/cari?q={word}");

        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Null(result.QuerySelector("img"));
        Assert.Null(result.QuerySelector("script"));
        Assert.Null(result.QuerySelector("b"));
        Assert.Contains("<script>", result.Text(".search-snippet"), StringComparison.Ordinal);
        Assert.Contains("<img", result.Text("h3"), StringComparison.Ordinal);
        Assert.Equal(word, result.QuerySelector("h3 mark")!.TextContent);
    }

    [Fact]
    public async Task Typographic_quotes_of_the_content_show_as_characters_not_entities()
    {
        var page = await SearchPageAsync("/cari?q=%22sertifikat+ini+adalah+awal%22");

        var snippets = page.QuerySelectorAll(".search-snippet").Select(s => s.TextContent).ToList();
        Assert.Contains(snippets, s => s.Contains("“Sertifikat ini adalah awal", StringComparison.Ordinal));
        Assert.DoesNotContain(snippets, s => s.Contains("&ldquo;", StringComparison.Ordinal) || s.Contains("&rdquo;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_in_the_address_that_make_no_sense_are_ignored()
    {
        var page = await SearchPageAsync("/cari?q=barista&jenis=%3Cx%3E&program=..%2F..&tahun=99999&halaman=-4&urut=DROP");

        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_that_works_without_javascript()
    {
        var home = await factory.CreatePortalClient().GetPageAsync("/");

        var form = (IHtmlFormElement)home.QuerySelector("header form[role=search]")!;
        Assert.Equal("get", form.Method.ToLowerInvariant());
        Assert.Equal("/cari", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
    }

    private async Task<IHtmlDocument> SearchPageAsync(string url, HttpClient? client = null)
    {
        await factory.SearchCaughtUpAsync();
        return await (client ?? factory.CreatePortalClient()).GetPageAsync(url, HttpStatusCode.OK);
    }
}
