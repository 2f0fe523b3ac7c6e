using AngleSharp.Html.Parser;
using Portal.News;

namespace Portal.Tests.News;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[klik](javascript:alert(1))")]
    [InlineData("[klik](JaVaScRiPt:alert(1))")]
    [InlineData("![gambar](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    public void Markdown_never_yields_script(string markdown)
    {
        var html = Rendered(markdown).Html;
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("script, iframe, svg, object, embed"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} in {html}");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("data:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Tables_autolinks_and_task_lists_are_rendered()
    {
        const string markdown = """
            | Modul | Jam |
            |---|---|
            | Etos kerja | 20 |

            Informasi: https://serangkota.go.id

            - [x] Fotokopi KTP
            - [ ] Pas foto
            """;
        var document = new HtmlParser().ParseDocument(Rendered(markdown).Html);

        Assert.Equal("Etos kerja", document.QuerySelector("table td")!.TextContent);
        var link = document.QuerySelector("a[href='https://serangkota.go.id']")!;
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal(2, document.QuerySelectorAll("li input[type=checkbox]").Length);
    }

    [Fact]
    public void A_table_sits_in_a_region_that_keyboard_users_can_focus_to_scroll_it_sideways()
    {
        var document = new HtmlParser().ParseDocument(Rendered("| Modul | Jam |\n|---|---|\n| Etos kerja | 20 |").Html);

        var region = document.QuerySelector("table")!.ParentElement!;
        Assert.Equal(MarkdownRenderer.TableRegionClass, region.ClassName);
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("Tabel", region.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_picture_in_the_body_is_fetched_only_when_scrolled_near()
    {
        var document = new HtmlParser().ParseDocument(Rendered("Paragraf.\n\n![Peserta pelatihan](https://serangkota.go.id/foto.jpg)").Html);

        var image = document.QuerySelector("img[alt='Peserta pelatihan']")!;
        Assert.Equal("lazy", image.GetAttribute("loading"));
        Assert.Equal("async", image.GetAttribute("decoding"));
    }

    [Fact]
    public void Plain_text_and_reading_time_come_from_the_words()
    {
        var markdown = "## Judul\n\n" + string.Join(' ', Enumerable.Repeat("pelatihan", 450));
        var rendered = Rendered(markdown);

        Assert.StartsWith("Judul", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("##", rendered.PlainText, StringComparison.Ordinal);
        Assert.Equal(3, rendered.ReadingMinutes);
    }

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "40.000 kutipan bertingkat dalam satu baris", Repeat("> ", 40_000), MarkdownRenderer.LineTooLong },
        { "2.000 kutipan bertingkat", Repeat("> ", 2_000) + "teks", MarkdownRenderer.TooDeep },
        { "33 kutipan bertingkat", Repeat("> ", 33) + "teks", MarkdownRenderer.TooDeep },
        { "daftar 200 tingkat", string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- a\n")), MarkdownRenderer.TooDeep },
        { "penekanan bertingkat dalam satu baris panjang", Repeat("*_", 20_000) + "x" + Repeat("_*", 20_000), MarkdownRenderer.LineTooLong },
        { "kurung siku tanpa akhir", Repeat("[", 4_000), MarkdownRenderer.TooDeep },
        { "tabel 2.000 kolom", TableOf(columns: 2_000, rows: 10), MarkdownRenderer.LineTooLong },
        { "tabel 50.000 baris", TableOf(columns: 2, rows: 50_000), MarkdownRenderer.TooLong },
        { "tabel satu kolom 49.000 baris", "| a |\n|---|\n" + Repeat("|\n", 49_000), MarkdownRenderer.TooComplex },
        { "20.000 catatan kaki", Repeat("[^1]\n", 19_000) + "\n[^1]: catatan", MarkdownRenderer.TooComplex },
        { "satu baris tautan terbuka", Repeat("[a](", 25_000), MarkdownRenderer.LineTooLong },
        { "lebih dari 100.000 karakter", Repeat("kata\n", 20_001), MarkdownRenderer.TooLong },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_is_a_reason_in_Indonesian_not_an_exception_and_takes_little_time(string name, string markdown, string reason)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = _renderer.Render(markdown);

        Assert.False(result.Succeeded, name);
        Assert.Equal(reason, result.Problem);
        // Generous for a busy test machine; on a quiet one each case takes well under a second.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{name}: {watch.Elapsed}");
    }

    [Fact]
    public void The_limits_are_said_with_Indonesian_numbers()
    {
        Assert.Equal("Teks terlalu dalam bersarang (kutipan atau daftar bertingkat lebih dari 32 tingkat). Kurangi tingkatnya.", MarkdownRenderer.TooDeep);
        Assert.Contains("lebih dari 100.000 karakter", MarkdownRenderer.TooLong, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_to_the_limits_text_renders_large_tables_and_deep_quotes_included()
    {
        var quotes = Rendered(Repeat("> ", 32) + "teks terdalam");
        var table = Rendered(TableOf(columns: 8, rows: 300));

        var document = new HtmlParser().ParseDocument(quotes.Html);
        Assert.Equal(32, document.QuerySelectorAll("blockquote").Length);
        Assert.Equal("teks terdalam", quotes.PlainText);
        Assert.Equal(300, new HtmlParser().ParseDocument(table.Html).QuerySelectorAll("tbody tr").Length);
    }

    private RenderedMarkdown Rendered(string markdown)
    {
        var result = _renderer.Render(markdown);
        Assert.True(result.Succeeded, result.Problem);
        return result.Rendered;
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string TableOf(int columns, int rows) =>
        "|" + Repeat(" a |", columns) + "\n|" + Repeat("---|", columns) + "\n" + Repeat("|" + Repeat(" b |", columns) + "\n", rows);
}
