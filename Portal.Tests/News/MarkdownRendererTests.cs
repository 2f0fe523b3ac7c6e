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
        var html = _renderer.Render(markdown).Html;
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
        var document = new HtmlParser().ParseDocument(_renderer.Render(markdown).Html);

        Assert.Equal("Etos kerja", document.QuerySelector("table td")!.TextContent);
        var link = document.QuerySelector("a[href='https://serangkota.go.id']")!;
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal(2, document.QuerySelectorAll("li input[type=checkbox]").Length);
    }

    [Fact]
    public void A_table_sits_in_a_region_that_keyboard_users_can_focus_to_scroll_it_sideways()
    {
        var document = new HtmlParser().ParseDocument(_renderer.Render("| Modul | Jam |\n|---|---|\n| Etos kerja | 20 |").Html);

        var region = document.QuerySelector("table")!.ParentElement!;
        Assert.Equal(MarkdownRenderer.TableRegionClass, region.ClassName);
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("Tabel", region.GetAttribute("aria-label"));
    }

    [Fact]
    public void Plain_text_and_reading_time_come_from_the_words()
    {
        var markdown = "## Judul\n\n" + string.Join(' ', Enumerable.Repeat("pelatihan", 450));
        var rendered = _renderer.Render(markdown);

        Assert.StartsWith("Judul", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("##", rendered.PlainText, StringComparison.Ordinal);
        Assert.Equal(3, rendered.ReadingMinutes);
    }
}
