using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>The landmarks of the portal's layout, found the way assistive technology finds them (by role and name).</summary>
public static class PortalLocators
{
    /// <summary>The page's one h1, inside the main landmark.</summary>
    public static ILocator MainHeading(this IPage page) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The header's navigation ("Navigasi utama"); on a phone its links are collapsed behind the toggler.</summary>
    public static ILocator MainMenu(this IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" });

    /// <summary>A link of the main menu by its exact text (Beranda, Berita, Pelatihan).</summary>
    public static ILocator MenuLink(this IPage page, string text) =>
        page.MainMenu().GetByRole(AriaRole.Link, new() { Name = text, Exact = true });

    /// <summary>
    /// The phone menu's toggler: the summary ("Menu") of a &lt;details&gt;, which a screen reader hears as a
    /// button, expanded or collapsed. Playwright gives a summary no role, so it is found by its markup.
    /// </summary>
    public const string MenuTogglerSelector = "nav[aria-label='Navigasi utama'] details.navbar-menu-toggle > summary";

    /// <summary>The phone menu's toggler (<see cref="MenuTogglerSelector"/>).</summary>
    public static ILocator MenuToggler(this IPage page) => page.Locator(MenuTogglerSelector);

    /// <summary>The search field of the header's search form (GET /cari?q=).</summary>
    public static ILocator HeaderSearchField(this IPage page) =>
        page.Locator("header form[action='/cari'] input[name=q]");
}
