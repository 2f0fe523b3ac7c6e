using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Portal.Tests.Admin;

/// <summary>One app for the whole matrix, with the items the addresses point at and one signed-in client per role.</summary>
public sealed class RoleMatrixFactory : PortalFactory
{
    private readonly Dictionary<string, HttpClient> _clients = [];
    private Dictionary<string, string>? _ids;

    public async Task<HttpClient> ClientAsync(string who)
    {
        if (!_clients.TryGetValue(who, out var client))
        {
            client = await this.ClientAsAsync(who, followRedirects: false);
            _clients[who] = client;
        }

        return client;
    }

    /// <summary>Replaces {article}, {revision}, {programme}, {batch}, {application} and {user} with items made once.</summary>
    public async Task<string> ResolveAsync(string path)
    {
        _ids ??= await SeedAsync();
        return _ids.Aggregate(path, (current, id) => current.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, string>> SeedAsync()
    {
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2025, 12, 5, 23, 59, 0));
        var article = TestData.Article();
        // An application of a deleted account (anonymised): the applicant pages must show it too.
        var application = new Portal.Training.Application
        {
            Batch = batch,
            ConsentTextVersion = "uji",
            Kecamatan = Kecamatan.Serang,
            Education = Portal.Training.EducationLevel.SmaSmk,
            AgeAtStart = 25,
            CreatedAtUtc = DefaultNow.UtcDateTime,
            ConsentedAtUtc = DefaultNow.UtcDateTime,
        };
        await WithDbAsync(async db =>
        {
            db.AddRange(programme, batch, article, application);
            db.ArticleRevisions.Add(new Portal.News.ArticleRevision { Article = article, Number = 1, Title = article.Title, Summary = article.Summary, SavedBy = "uji" });
            await db.SaveChangesAsync();
        });
        var revisionId = await WithDbAsync(db => Task.FromResult(db.ArticleRevisions.Single(r => r.ArticleId == article.Id).Id));
        var user = await this.CreateUserAsync(Roles.Editor);
        return new()
        {
            ["article"] = article.Id.ToString(),
            ["revision"] = revisionId.ToString(),
            ["programme"] = programme.Id.ToString(),
            ["batch"] = batch.Id.ToString(),
            ["application"] = application.Id.ToString(),
            ["user"] = user.Id,
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// Every page and every form handler of /admin, requested as each kind of person. Anonymous
/// visitors are sent to sign in, job seekers and staff of another role get 403, the right roles
/// get the page or the form's answer. The checks run on the server whatever the page shows.
/// </summary>
public class RoleMatrixTests(RoleMatrixFactory factory) : IClassFixture<RoleMatrixFactory>
{
    private const string Staff = "staf";
    private const string News = "berita";
    private const string Training = "pelatihan";
    private const string Administration = "admin";

    private static readonly string[] Everyone = ["anonymous", "jobseeker", Roles.Editor, Roles.Operator, Roles.Admin];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Staff] = [Roles.Admin, Roles.Editor, Roles.Operator],
        [News] = [Roles.Admin, Roles.Editor],
        [Training] = [Roles.Admin, Roles.Operator],
        [Administration] = [Roles.Admin],
    };

    /// <summary>Every staff page: its route as declared, the address requested, who may open it.</summary>
    private static readonly (string Route, string Path, string Area)[] Pages =
    [
        ("admin", "/admin", Staff),
        ("admin/berita", "/admin/berita", News),
        ("admin/berita/baru", "/admin/berita/baru", News),
        ("admin/berita/{id:int}", "/admin/berita/{article}", News),
        ("admin/berita/{id:int}/revisi", "/admin/berita/{article}/revisi", News),
        ("admin/pelatihan", "/admin/pelatihan", Training),
        ("admin/pelatihan/program/baru", "/admin/pelatihan/program/baru", Training),
        ("admin/pelatihan/program/{id:int}", "/admin/pelatihan/program/{programme}", Training),
        ("admin/pelatihan/program/{programmeId:int}/gelombang/baru", "/admin/pelatihan/program/{programme}/gelombang/baru", Training),
        ("admin/pelatihan/gelombang/{id:int}", "/admin/pelatihan/gelombang/{batch}", Training),
        ("admin/pelatihan/gelombang/{id:int}/pendaftar", "/admin/pelatihan/gelombang/{batch}/pendaftar?status=Diajukan&urut=Nama", Training),
        ("admin/pelatihan/gelombang/{id:int}/hasil", "/admin/pelatihan/gelombang/{batch}/hasil", Training),
        ("admin/pelatihan/gelombang/{id:int}/pendaftar/csv", "/admin/pelatihan/gelombang/{batch}/pendaftar/csv", Training),
        ("admin/pelatihan/pendaftar/{id:int}", "/admin/pelatihan/pendaftar/{application}", Training),
        ("admin/statistik", "/admin/statistik", Training),
        ("admin/statistik/tahapan", "/admin/statistik/tahapan?tahun=2025", Training),
        ("admin/pengguna", "/admin/pengguna", Administration),
        ("admin/pengguna/baru", "/admin/pengguna/baru", Administration),
        ("admin/pengguna/{id}", "/admin/pengguna/{user}", Administration),
        ("admin/audit", "/admin/audit", Administration),
        ("admin/pencarian", "/admin/pencarian", Administration),
    ];

    /// <summary>Every form handler: its page's route and handler name, where it posts, who may, and the page whose form gives the antiforgery token.</summary>
    private static readonly (string Route, string? Handler, string Path, string Area, string FormPage)[] Handlers =
    [
        ("admin/berita/baru", "Save", "/admin/berita/baru?handler=Save", News, "/admin/berita/baru"),
        ("admin/berita/baru", "Publish", "/admin/berita/baru?handler=Publish", News, "/admin/berita/baru"),
        ("admin/berita/baru", "Schedule", "/admin/berita/baru?handler=Schedule", News, "/admin/berita/baru"),
        ("admin/berita/baru", "Unpublish", "/admin/berita/baru?handler=Unpublish", News, "/admin/berita/baru"),
        ("admin/berita/baru", "Archive", "/admin/berita/baru?handler=Archive", News, "/admin/berita/baru"),
        ("admin/berita/baru", "Preview", "/admin/berita/baru?handler=Preview", News, "/admin/berita/baru"),
        ("admin/berita/baru", "RenderPreview", "/admin/berita/baru?handler=RenderPreview", News, "/admin/berita/baru"),
        ("admin/berita/{id:int}", "Save", "/admin/berita/{article}?handler=Save", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "Publish", "/admin/berita/{article}?handler=Publish", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "Schedule", "/admin/berita/{article}?handler=Schedule", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "Unpublish", "/admin/berita/{article}?handler=Unpublish", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "Archive", "/admin/berita/{article}?handler=Archive", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "Preview", "/admin/berita/{article}?handler=Preview", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}", "RenderPreview", "/admin/berita/{article}?handler=RenderPreview", News, "/admin/berita/{article}"),
        ("admin/berita/{id:int}/revisi", "Restore", "/admin/berita/{article}/revisi?handler=Restore&revisionId={revision}&version=0", News, "/admin/berita/{article}"),
        ("admin/pelatihan/program/baru", null, "/admin/pelatihan/program/baru", Training, "/admin/pelatihan/program/baru"),
        ("admin/pelatihan/program/{id:int}", null, "/admin/pelatihan/program/{programme}", Training, "/admin/pelatihan/program/{programme}"),
        ("admin/pelatihan/program/{programmeId:int}/gelombang/baru", null, "/admin/pelatihan/program/{programme}/gelombang/baru", Training, "/admin/pelatihan/program/{programme}/gelombang/baru"),
        ("admin/pelatihan/gelombang/{id:int}", null, "/admin/pelatihan/gelombang/{batch}", Training, "/admin/pelatihan/gelombang/{batch}"),
        ("admin/pelatihan/gelombang/{id:int}/pendaftar", null, "/admin/pelatihan/gelombang/{batch}/pendaftar", Training, "/admin/pelatihan/gelombang/{batch}/pendaftar"),
        ("admin/pelatihan/gelombang/{id:int}/hasil", null, "/admin/pelatihan/gelombang/{batch}/hasil", Training, "/admin/pelatihan/gelombang/{batch}/hasil"),
        ("admin/pelatihan/pendaftar/{id:int}", null, "/admin/pelatihan/pendaftar/{application}", Training, "/admin/pelatihan/pendaftar/{application}"),
        ("admin/pelatihan/pendaftar/{id:int}", "NikChecked", "/admin/pelatihan/pendaftar/{application}?handler=NikChecked", Training, "/admin/pelatihan/pendaftar/{application}"),
        ("admin/pengguna/baru", null, "/admin/pengguna/baru", Administration, "/admin/pengguna/baru"),
        ("admin/pengguna/{id}", "Roles", "/admin/pengguna/{user}?handler=Roles", Administration, "/admin/pengguna/{user}"),
        ("admin/pengguna/{id}", "Lock", "/admin/pengguna/{user}?handler=Lock", Administration, "/admin/pengguna/{user}"),
        ("admin/pengguna/{id}", "Unlock", "/admin/pengguna/{user}?handler=Unlock", Administration, "/admin/pengguna/{user}"),
        ("admin/pencarian", null, "/admin/pencarian", Administration, "/admin/pencarian"),
    ];

    public static TheoryData<string, string, string> PageCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (_, path, area) in Pages)
        {
            foreach (var who in Everyone)
            {
                data.Add(path, area, who);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string, string> HandlerCases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (_, _, path, area, formPage) in Handlers)
        {
            foreach (var who in Everyone)
            {
                data.Add(path, area, formPage, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task Staff_pages_open_only_for_their_roles(string path, string area, string who)
    {
        var client = await factory.ClientAsync(who);
        using var response = await client.GetAsync(new Uri(await factory.ResolveAsync(path), UriKind.Relative));

        await AssertOutcomeAsync(response, area, who, allowed: HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(HandlerCases))]
    public async Task Staff_form_handlers_are_authorized_on_the_server(string path, string area, string formPage, string who)
    {
        var client = await factory.ClientAsync(who);
        var fields = new Dictionary<string, string>();
        if (Allowed[area].Contains(who))
        {
            // The right role sends what its browser would: the page's own form, antiforgery token included.
            var page = await client.GetPageAsync(await factory.ResolveAsync(formPage));
            var form = page.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>().First();
            foreach (var (key, value) in Html.FormFields(form))
            {
                fields.TryAdd(key, value);
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(await factory.ResolveAsync(path), UriKind.Relative), content);

        await AssertOutcomeAsync(response, area, who, allowed: null);
    }

    [Fact]
    public void The_matrix_covers_every_page_under_Admin()
    {
        var adminRoutes = AdminEndpoints()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(adminRoutes);
        Assert.Equal(adminRoutes, Pages.Select(p => p.Route).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task The_matrix_covers_every_form_handler_under_Admin()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<string>();
        foreach (var endpoint in AdminEndpoints())
        {
            var page = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            handlers.AddRange(page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)).Select(h => $"{endpoint.RoutePattern.RawText!.TrimStart('/')} {h.Name}"));
        }

        Assert.NotEmpty(handlers);
        Assert.Equal(handlers.Order(StringComparer.Ordinal), Handlers.Select(h => $"{h.Route} {h.Handler}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_job_seeker_sees_the_friendly_Indonesian_403_page()
    {
        var client = await factory.ClientAsync("jobseeker");

        var page = await client.GetPageAsync("/admin/berita", HttpStatusCode.Forbidden);

        Assert.Equal("Akses ditolak", page.Text("h1"));
    }

    private List<RouteEndpoint> AdminEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal) == true)
            .ToList();

    /// <summary>For an allowed role: the given status, or (for a form) its answer or a redirect within the staff area.</summary>
    private static async Task AssertOutcomeAsync(HttpResponseMessage response, string area, string who, HttpStatusCode? allowed)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        if (who == "anonymous")
        {
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Contains($"{AccountLinks.SignIn}?{AccountLinks.ReturnUrlParameter}=", location, StringComparison.Ordinal);
        }
        else if (!Allowed[area].Contains(who))
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("Akses ditolak", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else if (allowed is { } expected)
        {
            Assert.Equal(expected, status);
        }
        else
        {
            Assert.True(status == HttpStatusCode.OK || (status == HttpStatusCode.Redirect && location.StartsWith("/admin", StringComparison.Ordinal)),
                $"{who}: expected the form's answer, got {(int)status} {location}");
        }
    }
}
