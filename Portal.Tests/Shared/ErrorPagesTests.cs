using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Portal.Shared;

namespace Portal.Tests.Shared;

/// <summary>Production, with one route that fails the way a bug would.</summary>
public sealed class FailingProductionFactory : ProductionPortalFactory
{
    public const string FailingPath = "/uji-galat";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FailingRoute()));
    }

    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(FailingPath, branch => branch.Run(_ => throw new InvalidOperationException("rahasia-jejak-tumpukan")));
        };
    }
}

public class ErrorPagesTests(FailingProductionFactory factory) : IClassFixture<FailingProductionFactory>
{
    [Fact]
    public async Task An_unexpected_error_shows_a_friendly_Indonesian_page_without_a_stack_trace()
    {
        using var response = await factory.CreatePortalClient().GetAsync(new Uri(FailingProductionFactory.FailingPath, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Maaf, terjadi kesalahan", page.Text("h1"));
        Assert.DoesNotContain("rahasia-jejak-tumpukan", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tidak-ada")]
    [InlineData("/berita/%E2%80%AEkcatta")]
    [InlineData("/pelatihan/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/berita/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Unknown_addresses_give_the_Indonesian_404_page(string path)
    {
        var page = await factory.CreatePortalClient().GetPageAsync(path, HttpStatusCode.NotFound);

        Assert.Equal("Halaman tidak ditemukan", page.Text("h1"));
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var response = await factory.CreatePortalClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public void The_content_root_is_the_folder_with_appsettings_wwwroot_and_content()
    {
        var root = ContentRoot.Resolve();

        Assert.True(File.Exists(Path.Combine(root, "appsettings.json")));
        Assert.True(Directory.Exists(Path.Combine(root, "content", "news")));
        Assert.True(File.Exists(Path.Combine(root, "wwwroot", "css", "site.css")));
    }
}
