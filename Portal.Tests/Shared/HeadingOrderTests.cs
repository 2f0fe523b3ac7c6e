namespace Portal.Tests.Shared;

/// <summary>
/// The outline a screen reader lists, as Lighthouse's and axe's heading-order rule reads it: a
/// page opens with its h1, and no heading is more than one level deeper than the heading before
/// it (the news list once had its cards' h3 straight under the h1).
/// </summary>
public class HeadingOrderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Pages => [.. ReaderPages.Paths, "/berita?halaman=2", "/berita?program=barista"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Headings_open_with_the_h1_and_never_skip_a_level_going_down(string page)
    {
        using var client = factory.CreatePortalClient();
        var document = await client.GetPageAsync(page);

        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => (Level: h.LocalName[1] - '0', Text: h.TextContent.Trim())).ToList();
        Assert.True(levels.Count > 0 && levels[0].Level == 1, $"{page}: the first heading is not the h1: {string.Join(", ", levels.Take(3))}");
        var skips = levels.Zip(levels.Skip(1)).Where(pair => pair.Second.Level > pair.First.Level + 1)
            .Select(pair => $"h{pair.First.Level} \"{pair.First.Text}\" then h{pair.Second.Level} \"{pair.Second.Text}\"")
            .ToList();
        Assert.True(skips.Count == 0, $"{page} skips heading levels: {string.Join("; ", skips)}");
    }
}
