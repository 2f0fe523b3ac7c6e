using System.Text;
using System.Text.RegularExpressions;
using Portal.Admin.News;
using Portal.News;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Shared;

/// <summary>
/// The portal ships only the parts of Bootstrap its pages use: tools/css/portal.scss names them and
/// tools/css/build.sh compiles them with wwwroot/css/site.css into wwwroot/css/portal.min.css, which is
/// checked in. A view that starts using a class the build left out would look broken on a phone and pass
/// every other test; these fail instead, and say which class and where.
/// </summary>
public partial class StylesheetTests
{
    /// <summary>
    /// Classes no stylesheet rule needs: names by which tests and scripts find a piece of a page, and
    /// names for what a piece is. A new one goes here; a class meant to change how something looks goes
    /// into portal.scss or site.css instead.
    /// </summary>
    private static readonly HashSet<string> Hooks = new(StringComparer.Ordinal)
    {
        "accepted", "account-email", "announce-results", "account-status", "applicant-age", "applicant-bulk", "applicant-date",
        "applicant-education", "applicant-filter", "applicant-kecamatan", "applicant-motivation", "applicant-name",
        "applicant-nik", "applicant-profile", "applicant-status", "applicant-status-form", "applicant-table",
        "applicant-title", "applicant-whatsapp", "applicants", "application", "application-status", "article", "article-card",
        "article-form", "article-markdown", "article-meta", "article-state", "audit-table", "batch-card",
        "batch-form", "batch-funnel", "conflict", "conflict-mine", "conflict-theirs", "dashboard-programme", "error-page",
        "filter-form", "funnel-count", "funnel-days", "funnel-table", "funnel-years", "lock-form", "narrow-form-wide", "news-list", "nik", "nik-review", "nik-review-count",
        "nik-review-list", "phone", "preview", "programme-card", "programme-form", "programme-total",
        "rebuild-search", "related-list", "restore-form", "results-group", "results-link", "revision", "revision-list", "revision-summary", "revision-title",
        "roles-form", "schedule-note", "search-empty", "search-facets", "search-form", "search-kind",
        "search-meta", "search-nodes", "search-notice", "search-order", "search-results", "search-suggestions", "search-summary",
        "staff-account-form", "staff-accounts", "staff-articles", "staff-home", "staff-programme", "status-filter",
        "status-history-table", "status-message", "training-dashboard", "unlock-form", "verification", "withdrawn",
    };

    private static readonly string Root = ContentRoot.Resolve();

    private static readonly Lazy<HashSet<string>> Shipped = new(() => ClassesIn(ReadWebRoot("css/portal.min.css")));

    [Fact]
    public void Every_class_in_a_view_or_in_markup_built_in_code_is_styled_by_the_shipped_stylesheet_or_is_a_known_hook()
    {
        var sources = SourceFiles("*.cshtml").Select(path => (path, classes: ViewClasses(File.ReadAllText(path))))
            .Concat(SourceFiles("*.cs").Select(path => (path, classes: CodeMarkupClasses(File.ReadAllText(path)))))
            .ToList();

        var unknown = sources
            .SelectMany(source => source.classes.Select(name => (name, file: Path.GetRelativePath(Root, source.path))))
            .Where(use => !Shipped.Value.Contains(use.name) && !Hooks.Contains(use.name))
            .GroupBy(use => use.name, use => use.file)
            .Select(group => $"{group.Key} ({string.Join(", ", group.Distinct().Order(StringComparer.Ordinal))})")
            .ToList();

        Assert.True(sources.Sum(source => source.classes.Count) > 500, "The views were not found or not read: no class to check.");
        Assert.True(unknown.Count == 0,
            "Classes in use that wwwroot/css/portal.min.css does not style: add the Bootstrap part or utility value to " +
            "tools/css/portal.scss (or the rule to wwwroot/css/site.css) and run tools/css/build.sh, or list a hook in " +
            "StylesheetTests.Hooks:\n" + string.Join("\n", unknown));
    }

    public static TheoryData<string> BadgeClasses =>
    [
        .. Enum.GetValues<ApplicationStatus>().Select(status => status.BadgeClass())
            .Concat(Enum.GetValues<BatchStatus>().Select(status => status.BadgeClass()))
            .Concat(Enum.GetValues<ArticleState>().Select(state => state.BadgeClass()))
            .Distinct(),
    ];

    [Theory]
    [MemberData(nameof(BadgeClasses))]
    public void A_status_badge_class_chosen_in_code_is_in_the_shipped_stylesheet(string badgeClass) =>
        Assert.Contains(badgeClass, Shipped.Value);

    [Fact]
    public void The_shipped_stylesheet_was_built_after_the_last_change_to_site_css()
    {
        var site = ReadWebRoot("css/site.css");
        var shipped = ReadWebRoot("css/portal.min.css");
        var missing = ClassesIn(site).Where(name => !Shipped.Value.Contains(name))
            .Concat(CustomProperty().Matches(StripComments(site)).Select(m => m.Value).Distinct().Where(p => !shipped.Contains(p, StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0,
            "wwwroot/css/site.css has names that wwwroot/css/portal.min.css lacks; run tools/css/build.sh: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("""<p class="alert alert-info mb-0">""", "alert alert-info mb-0")]
    [InlineData("""<div class="alert @(isError ? "alert-danger" : "alert-success") status-message">""", "alert alert-danger alert-success status-message")]
    [InlineData("""<span class="badge @hit.Status.BadgeClass() search-kind">""", "badge search-kind")]
    [InlineData("""<li class="kecamatan-@kecamatan">""", "")]
    [InlineData("""<span class="badge @(kind switch { 1 => "text-bg-primary", _ => "text-bg-dark" })">""", "badge text-bg-primary text-bg-dark")]
    [InlineData("""<a class="@(isSelected ? "link-light" : "")">""", "link-light")]
    [InlineData("""<td class="@Css.For(row, "ignored") text-end">""", "text-end")]
    public void A_views_class_attribute_yields_its_plain_classes_and_those_written_inside_its_expressions(string markup, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            ViewClasses(markup).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(".btn,.alert-info>.x:hover{color:red}", "alert-info btn x")]
    [InlineData(".a{margin:.5rem 1.25rem;background:url(\"data:image/svg+xml,<svg class='not-a-class'/>\")}", "a")]
    [InlineData("/* .commented */ .g-lg-5{--bs-gutter-x:3rem}", "g-lg-5")]
    [InlineData(".btn-check:checked+.btn{content:\".not-this\"}", "btn btn-check")]
    public void The_stylesheet_yields_the_classes_of_its_selectors_only(string css, string expected) =>
        Assert.Equal(expected.Split(' '), ClassesIn(css).Order(StringComparer.Ordinal));

    /// <summary>
    /// The classes of every class="..." attribute: plain names as written, and the string literals inside a
    /// Razor expression @( ... ) (the class names a condition chooses between). A name built from a value
    /// ("kecamatan-@kecamatan") or returned by a method (@status.BadgeClass(), checked on its own) is skipped.
    /// </summary>
    private static List<string> ViewClasses(string view)
    {
        var classes = new List<string>();
        for (var start = view.IndexOf("class=\"", StringComparison.Ordinal); start >= 0; start = view.IndexOf("class=\"", start, StringComparison.Ordinal))
        {
            var plain = new StringBuilder();
            var i = start + "class=\"".Length;
            while (i < view.Length && view[i] != '"')
            {
                if (view[i] == '@' && i + 1 < view.Length && view[i + 1] == '(')
                {
                    i = ReadExpression(view, i + 2, classes);
                    plain.Append("@ ");
                }
                else if (view[i] == '@')
                {
                    i = SkipImplicitExpression(view, i + 1);
                    plain.Append("@ ");
                }
                else
                {
                    plain.Append(view[i++]);
                }
            }

            classes.AddRange(plain.ToString().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(name => !name.Contains('@', StringComparison.Ordinal)));
            start = i;
        }

        return classes;
    }

    /// <summary>Reads a Razor expression up to its closing parenthesis, adding the words of its string literals; returns the index after it.</summary>
    private static int ReadExpression(string view, int i, List<string> classes)
    {
        for (var depth = 1; i < view.Length && depth > 0; i++)
        {
            switch (view[i])
            {
                case '"':
                    var end = view.IndexOf('"', i + 1);
                    classes.AddRange(view[(i + 1)..end].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    i = end;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
            }
        }

        return i;
    }

    /// <summary>Skips an implicit Razor expression (@row.Status.BadgeClass(), @kecamatan); returns the index after it.</summary>
    private static int SkipImplicitExpression(string view, int i)
    {
        while (i < view.Length && (char.IsLetterOrDigit(view[i]) || view[i] is '_' or '.' or '!' or '('))
        {
            i = view[i] == '(' ? ReadExpression(view, i + 1, []) : i + 1;
        }

        return i;
    }

    /// <summary>Classes in markup that C# writes as a string (class=\"alert alert-danger\"); interpolated names are skipped.</summary>
    private static List<string> CodeMarkupClasses(string code) =>
        [.. CodeClassAttribute().Matches(code).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(name => !name.Contains('{', StringComparison.Ordinal))];

    /// <summary>The class names in a stylesheet's selectors: not in comments, strings or url(...), not a number like .5rem.</summary>
    private static HashSet<string> ClassesIn(string css) =>
        [.. ClassSelector().Matches(NotSelectorText().Replace(StripComments(css), string.Empty)).Select(m => m.Groups[1].Value)];

    private static string StripComments(string css) => Comment().Replace(css, string.Empty);

    /// <summary>The portal's own files of a kind, not the build's output under bin/ and obj/.</summary>
    private static IEnumerable<string> SourceFiles(string pattern)
    {
        var portal = Path.Combine(Root, "Portal");
        return Directory.EnumerateFiles(portal, pattern, SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(portal, path).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"));
    }

    private static string ReadWebRoot(string relative) => File.ReadAllText(Path.Combine(Root, "wwwroot", relative));

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|url\([^)]*\)")]
    private static partial Regex NotSelectorText();

    [GeneratedRegex(@"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")]
    private static partial Regex ClassSelector();

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex CustomProperty();

    [GeneratedRegex(@"class=\\""([^""\\]*)\\""")]
    private static partial Regex CodeClassAttribute();
}
