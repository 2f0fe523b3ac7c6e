using System.Net.Http.Headers;

namespace Portal.Tests.Deployment;

/// <summary>
/// The deployment of docs/deploy.md, for real: nginx with TLS from deploy/nginx-portal.conf in front
/// of the portal on Kestrel, each test acting as a visitor (through nginx) or as someone talking to
/// Kestrel directly.
/// </summary>
public class TlsProxyTests(ProxiedPortal site) : IClassFixture<ProxiedPortal>
{
    private const string HstsOneYear = "max-age=31536000; includeSubDomains";
    private static readonly string TempDataCookie = Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider.CookieName;

    [Fact]
    public async Task A_page_over_https_through_nginx_answers_200_with_hsts_and_no_version_in_server()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);

        using var response = await visitor.GetAsync(new Uri("/berita", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([HstsOneYear], response.Headers.GetValues("Strict-Transport-Security"));
        // nginx names itself, without a version (server_tokens off); the portal adds no Server header of its own.
        Assert.Equal(["nginx"], response.Headers.GetValues("Server"));
        var page = await Html.ParseAsync(response);
        Assert.Equal("Berita dan siaran pers", page.QuerySelector("main h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_portal_itself_sends_no_server_header()
    {
        using var direct = site.Client(ProxiedPortal.DirectAddress, site.KestrelAddress);

        using var response = await direct.GetAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
    }

    [Fact]
    public async Task Plain_http_to_nginx_is_redirected_to_the_public_https_address()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpAddress);

        using var response = await visitor.GetAsync(new Uri("/berita?halaman=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri(site.HttpsAddress, "/berita?halaman=2"), response.Headers.Location);
    }

    [Fact]
    public async Task Plain_http_to_the_portal_is_redirected_to_https_and_https_through_nginx_is_not()
    {
        using var direct = site.Client(ProxiedPortal.DirectAddress, site.KestrelAddress);
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);

        using var plain = await direct.GetAsync(new Uri("/pelatihan", UriKind.Relative));
        using var proxied = await visitor.GetAsync(new Uri("/pelatihan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal(new Uri(site.HttpsAddress, "/pelatihan"), plain.Headers.Location);
        // No loop: the forwarded proto from nginx is believed, so the same page is served.
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
    }

    [Fact]
    public async Task Sign_in_antiforgery_and_status_message_cookies_are_secure_over_https()
    {
        var user = await site.Portal.CreateJobSeekerAsync();
        var cookies = new CookieContainer();
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress, cookies);

        using var signInPage = await visitor.GetAsync(new Uri(AccountLinks.SignIn, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        AssertSecure(signInPage, "portal.af");
        var form = (await Html.ParseAsync(signInPage)).MainForm();
        using var signedIn = await visitor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertSecure(signedIn, "portal.auth");

        // Signing out leaves "Anda telah keluar dari akun." in TempData for the next page.
        var profile = await FollowAsync(visitor, signedIn);
        var signOut = profile.QuerySelector("form[action='/akun/keluar']") as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException("No sign-out form on " + profile.Url);
        using var signedOut = await visitor.SubmitAsync(signOut);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertSecure(signedOut, TempDataCookie);
        var next = await FollowAsync(visitor, signedOut);
        Assert.Contains("Anda telah keluar dari akun.", next.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_logs_the_visitor_address_that_nginx_saw_not_one_the_visitor_claims()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);
        var path = "/berita/" + TestData.Unique("alamat-klien");

        using var response = await GetAsync(visitor, path, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await LogLineAsync(path);
        Assert.Contains("to 127.0.0.2 over https", line, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_sent_straight_to_the_portal_are_ignored()
    {
        using var direct = site.Client(ProxiedPortal.DirectAddress, site.KestrelAddress);
        var path = "/berita/" + TestData.Unique("palsu");

        using var response = await GetAsync(direct, path, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https"));

        // Neither the address nor the scheme is believed, and no redirect is made on the strength of them.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var line = await LogLineAsync(path);
        Assert.Contains("to 127.0.0.1 over http ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Log, l => l.Contains("203.0.113.9", StringComparison.Ordinal));
        Assert.Contains(site.Log, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("from 127.0.0.1 ignored", StringComparison.Ordinal) && l.Contains("Portal:Proxy:KnownProxies", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Static_files_and_cached_pages_are_compressed_and_pages_with_a_form_token_are_not(string encoding)
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);

        using var css = await GetAsync(visitor, "/css/site.css", ("Accept-Encoding", encoding));
        using var page = await GetAsync(visitor, "/", ("Accept-Encoding", encoding));
        // The registration form carries an antiforgery token: compressing it beside reflected
        // input would open it to BREACH, so it is neither cached nor compressed.
        using var form = await GetAsync(visitor, "/akun/daftar", ("Accept-Encoding", encoding));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal([encoding], css.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal([encoding], page.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Empty(form.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_nginx_limit_is_refused_before_the_portal_and_one_over_the_portal_limit_gets_its_Indonesian_page()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);
        var path = "/akun/" + TestData.Unique("besar");
        using var huge = new ByteArrayContent(new byte[10 * 1024 * 1024]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var large = new ByteArrayContent(new byte[8 * 1024 * 1024 + 512 * 1024]);
        large.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var refusedByNginx = await visitor.PostAsync(new Uri(path, UriKind.Relative), huge);
        using var refusedByPortal = await visitor.PostAsync(new Uri("/cari", UriKind.Relative), large);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedByNginx.StatusCode);
        Assert.DoesNotContain(site.Log, l => l.Contains($"POST {path} answered", StringComparison.Ordinal));

        // Up to nginx's limit the body reaches the portal, which answers in Indonesian.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedByPortal.StatusCode);
        Assert.Contains("Kiriman terlalu besar", await refusedByPortal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_access_log_keeps_the_path_but_never_an_emailed_links_code()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, site.HttpsAddress);
        var code = TestData.Unique("RAHASIA");

        using var response = await GetAsync(visitor, $"/akun/atur-ulang-sandi?akun=x&kode={code}", ("Referer", $"{site.HttpsAddress}akun/atur-ulang-sandi?kode={code}"));

        var log = await ReadWhenWrittenAsync(site.NginxAccessLog, "/akun/atur-ulang-sandi");
        Assert.Contains("GET /akun/atur-ulang-sandi HTTP/", log, StringComparison.Ordinal);
        Assert.DoesNotContain(code, log, StringComparison.Ordinal);
    }

    private static async Task<string> ReadWhenWrittenAsync(string file, string expected)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (File.Exists(file) && await File.ReadAllTextAsync(file) is { } text && text.Contains(expected, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"nginx wrote no line with {expected} to {file}");
    }

    [Fact]
    public async Task Nginx_answers_no_other_host_name()
    {
        using var visitor = site.Client(ProxiedPortal.VisitorAddress, new Uri($"http://evil.example:{site.HttpPort}/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => visitor.GetAsync(new Uri("/akun/lupa-sandi", UriKind.Relative)));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage redirect)
    {
        using var response = await client.GetAsync(redirect.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static void AssertSecure(HttpResponseMessage response, string cookie)
    {
        var header = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.SingleOrDefault(v => v.StartsWith(cookie + "=", StringComparison.Ordinal))
            : null;
        Assert.True(header is not null, $"No {cookie} cookie set by {response.RequestMessage?.RequestUri}");
        Assert.Contains("; secure", header, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The request-log line for a path: written when the answer is done, so it may trail the response a little.</summary>
    private async Task<string> LogLineAsync(string path, string method = "GET")
    {
        string? line = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((line = site.Log.FirstOrDefault(l => l.Contains($"{method} {path} answered", StringComparison.Ordinal))) is not null),
            $"a request-log line for {path}");
        return line!;
    }
}
