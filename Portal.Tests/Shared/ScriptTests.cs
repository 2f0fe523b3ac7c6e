using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Portal.Shared;

namespace Portal.Tests.Shared;

/// <summary>
/// Scripts cost a phone on prepaid data time and bytes, so a page loads one only when it needs it and never
/// waits for one: the public pages work without any (their menus are &lt;details&gt; elements), a signed-in
/// visitor's account menu gets a small one, and only the article editor loads EasyMDE.
/// </summary>
public partial class ScriptTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/berita")]
    [InlineData("/pelatihan")]
    [InlineData("/cari?q=barista")]
    [InlineData("/akun/masuk")]
    [InlineData("/akun/daftar")]
    public async Task A_public_page_loads_no_script_for_a_visitor(string path)
    {
        var page = await factory.CreatePortalClient().GetPageAsync(path);

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.NotNull(page.QuerySelector("nav details.navbar-menu-toggle > summary"));
    }

    [Fact]
    public async Task A_signed_in_visitor_gets_only_the_deferred_account_menu_script()
    {
        var client = await factory.ClientInRoleAsync(null);

        var page = await client.GetPageAsync("/");

        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.StartsWith("/js/nav-menus.js?v=", script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(script.HasAttribute("defer"));
        Assert.NotNull(page.QuerySelector("details.nav-menu > summary#menu-akun"));
    }

    [Fact]
    public async Task The_article_editor_loads_easymde_deferred_and_the_staff_home_does_not()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);

        var editor = await client.GetPageAsync("/admin/berita/baru");
        var home = await client.GetPageAsync("/admin");

        Assert.Equal(["/js/nav-menus.js", "/lib/easymde/easymde.min.js", "/js/article-editor.js"], Sources(editor));
        Assert.All(editor.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("defer"), script.OuterHtml));
        Assert.Equal(["/js/nav-menus.js"], Sources(home));
    }

    [Fact]
    public void Every_script_tag_in_a_view_is_deferred()
    {
        var portal = Path.Combine(ContentRoot.Resolve(), "Portal");
        var tags = Directory.EnumerateFiles(portal, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(path => ScriptTag().Matches(File.ReadAllText(path)).Select(m => (file: Path.GetRelativePath(portal, path), tag: m.Value)))
            .ToList();

        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.True(t.tag.Contains(" defer", StringComparison.Ordinal) && t.tag.Contains(" src=", StringComparison.Ordinal),
            $"{t.file}: {t.tag} must load a file with defer: an inline script is refused by the CSP, one without defer stops the page from showing until it has run."));
    }

    private static IEnumerable<string> Sources(IParentNode page) =>
        page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")!.Split('?')[0]);

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
