using System.IO.Compression;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Portal.Caching;
using Portal.News;
using Portal.Search;
using Portal.Shared;

namespace Portal.Tests.Caching;

/// <summary>
/// The cached public pages: what a visitor sees after every kind of change, and that nobody gets
/// someone else's page. A hit is recognised by the Age header the output cache adds to answers it
/// serves from memory, and by changes made behind the cache's back (SQL that writes no change-log
/// row) staying invisible until something the cache follows happens.
/// </summary>
public class PageCacheTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public PageCacheTests(PortalFactory factory)
    {
        _factory = factory;

        // The output cache takes the app's clock and serves only entries older than zero: a clock
        // that stands still between two requests would make every entry look not yet fresh.
        _factory.Clock.AutoAdvanceAmount = TimeSpan.FromTicks(1);
    }

    [Fact]
    public async Task A_second_anonymous_request_is_served_from_the_cache_and_junk_query_keys_share_its_entry()
    {
        var article = await AddArticleAsync();
        var client = _factory.CreatePortalClient();
        var first = await client.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));
        Assert.Null(first.Headers.Age);

        // Behind the cache's back: no change-log row, so nothing evicts.
        await RenameSilentlyAsync(article.Id, "Judul yang belum boleh tampil");

        var junk = await client.GetAsync(new Uri($"/berita/{article.Slug}?utm_source=wa&x={Guid.NewGuid():N}", UriKind.Relative));
        Assert.NotNull(junk.Headers.Age);
        Assert.Equal(article.Title, (await Html.ParseAsync(junk)).Text("h1"));
        Assert.Equal(first.Headers.ETag, junk.Headers.ETag);
    }

    [Fact]
    public async Task The_query_keys_a_page_reads_make_their_own_entries()
    {
        var client = _factory.CreatePortalClient();
        await client.GetAsync(new Uri("/berita", UriKind.Relative));

        var firstPage = await client.GetAsync(new Uri("/berita?utm_campaign=x", UriKind.Relative));
        var secondPage = await client.GetAsync(new Uri("/berita?halaman=2", UriKind.Relative));

        Assert.NotNull(firstPage.Headers.Age);
        Assert.Null(secondPage.Headers.Age);
        Assert.Equal("2", (await Html.ParseAsync(secondPage)).QuerySelector(".pagination [aria-current=page]")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_query_key_given_twice_is_neither_served_from_nor_stored_in_the_cache()
    {
        var client = _factory.CreatePortalClient();
        await client.GetAsync(new Uri("/berita?halaman=2&halaman=1", UriKind.Relative));
        var again = await client.GetAsync(new Uri("/berita?halaman=2&halaman=1", UriKind.Relative));
        var swapped = await client.GetAsync(new Uri("/berita?halaman=1&halaman=2", UriKind.Relative));

        Assert.Null(again.Headers.Age);
        Assert.Null(swapped.Headers.Age);
        Assert.Equal("1", (await Html.ParseAsync(swapped)).QuerySelector(".pagination [aria-current=page]")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_address_in_other_letter_case_does_not_get_the_cached_page()
    {
        var article = await AddArticleAsync();
        var client = _factory.CreatePortalClient();
        await client.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));
        var hit = await client.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));
        Assert.NotNull(hit.Headers.Age);

        var upper = await client.GetAsync(new Uri($"/berita/{article.Slug.ToUpperInvariant()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, upper.StatusCode);
        Assert.Null(upper.Headers.Age);
    }

    [Fact]
    public async Task An_article_edited_in_the_staff_editor_shows_its_new_title_on_the_next_anonymous_request()
    {
        var article = await AddArticleAsync();
        var anonymous = _factory.CreatePortalClient();
        Assert.Equal(article.Title, (await anonymous.GetPageAsync($"/berita/{article.Slug}")).Text("h1"));
        Assert.Equal(article.Title, (await anonymous.GetPageAsync($"/berita/{article.Slug}")).Text("h1"));
        var newTitle = $"Judul baru {Guid.NewGuid():N}";

        var editor = await _factory.ClientInRoleAsync(Roles.Editor);
        var form = await editor.EditArticleFormAsync(article.Id);
        var saved = await Html.ParseAsync(await editor.ClickAsync(form, "Simpan", new Dictionary<string, string> { ["Input.Title"] = newTitle }));
        Assert.Equal("Perubahan disimpan.", saved.Text("[role=status]"));

        Assert.Equal(newTitle, (await anonymous.GetPageAsync($"/berita/{article.Slug}")).Text("h1"));
        Assert.Contains(newTitle, await anonymous.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_on_another_node_clears_the_cache_through_the_change_log_even_without_a_search_index()
    {
        var article = await AddArticleAsync();
        var client = _factory.CreatePortalClient();
        await client.GetPageAsync($"/berita/{article.Slug}");
        await client.GetPageAsync($"/berita/{article.Slug}");
        _factory.Services.GetRequiredService<SearchIndex>().MarkUnavailable();
        var newTitle = $"Diubah di node lain {Guid.NewGuid():N}";

        // Another node's save: the row lands in the database, nothing in this process is told.
        await RenameSilentlyAsync(article.Id, newTitle);
        await _factory.WithDbAsync(db =>
        {
            db.SearchChanges.Add(new SearchChange { Entity = SearchEntity.Article, EntityId = article.Id, ChangedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(
            async () => (await client.GetPageAsync($"/berita/{article.Slug}")).Text("h1") == newTitle,
            "the page shows the title saved on the other node");
    }

    [Fact]
    public async Task A_scheduled_article_appears_on_the_news_list_at_its_time()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var scheduled = await AddArticleAsync(publishedAtUtc: now.AddMinutes(30));
        var client = _factory.CreatePortalClient();
        Assert.DoesNotContain(scheduled.Title, (await client.GetPageAsync("/berita")).Text("main"), StringComparison.Ordinal);
        var cached = await client.GetAsync(new Uri("/berita", UriKind.Relative));
        Assert.NotNull(cached.Headers.Age);

        _factory.Clock.SetUtcNow(new DateTimeOffset(scheduled.PublishedAtUtc, TimeSpan.Zero));

        Assert.Contains(scheduled.Title, (await client.GetPageAsync("/berita")).Text("main"), StringComparison.Ordinal);
        Assert.Equal(scheduled.Title, (await client.GetPageAsync($"/berita/{scheduled.Slug}")).Text("h1"));
    }

    [Fact]
    public async Task A_batch_shows_open_at_its_opening_and_closed_at_its_closing_and_days_left_turn_at_midnight()
    {
        var nowWib = Wib.ToWib(_factory.Clock.GetUtcNow().UtcDateTime);
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, opensWib: nowWib.AddHours(1), closesWib: nowWib.Date.AddDays(2).AddHours(12));
        await _factory.WithDbAsync(async db =>
        {
            db.Batches.Add(batch);
            await db.SaveChangesAsync();
        });
        var client = _factory.CreatePortalClient();
        var address = TrainingLinks.Programme(programme.Slug);
        Assert.Null((await client.GetPageAsync(address)).QuerySelector(".batch-card .days-left"));
        Assert.NotNull((await client.GetAsync(new Uri(address, UriKind.Relative))).Headers.Age);

        _factory.Clock.SetUtcNow(new DateTimeOffset(batch.RegistrationOpensAtUtc, TimeSpan.Zero));
        Assert.Equal("Sisa 2 hari lagi", (await client.GetPageAsync(address)).Text(".batch-card .days-left"));

        _factory.Clock.SetUtcNow(new DateTimeOffset(Wib.ToUtc(nowWib.Date.AddDays(1)), TimeSpan.Zero));
        Assert.Equal("Sisa 1 hari lagi", (await client.GetPageAsync(address)).Text(".batch-card .days-left"));

        _factory.Clock.SetUtcNow(new DateTimeOffset(batch.RegistrationClosesAtUtc, TimeSpan.Zero));
        var closed = await client.GetPageAsync(address);
        Assert.Null(closed.QuerySelector(".batch-card .days-left"));
        Assert.Empty(closed.QuerySelectorAll($"a[href='{TrainingLinks.Apply(programme.Slug, batch.Id)}']"));
    }

    [Fact]
    public async Task A_signed_in_page_is_never_served_to_anonymous_visitors_nor_an_anonymous_page_to_a_signed_in_person()
    {
        var anonymous = _factory.CreatePortalClient();
        await anonymous.GetAsync(new Uri("/pelatihan", UriKind.Relative));
        var user = await _factory.CreateUserAsync();
        var signedIn = await _factory.SignedInClientAsync(user);

        var own = await signedIn.GetAsync(new Uri("/pelatihan", UriKind.Relative));
        var ownAgain = await signedIn.GetAsync(new Uri("/pelatihan", UriKind.Relative));
        var afterwards = await anonymous.GetAsync(new Uri("/pelatihan", UriKind.Relative));

        Assert.Null(own.Headers.Age);
        Assert.Null(ownAgain.Headers.Age);
        Assert.Contains(user.Email!, (await Html.ParseAsync(ownAgain)).Text("header"), StringComparison.Ordinal);
        Assert.NotNull(afterwards.Headers.Age);
        var page = await Html.ParseAsync(afterwards);
        Assert.DoesNotContain(user.Email!, page.Text("header"), StringComparison.Ordinal);
        Assert.Equal("Masuk", page.Text("header a[href='/akun/masuk']"));
    }

    [Fact]
    public async Task The_status_message_after_signing_out_is_shown_although_the_home_page_is_cached_and_is_not_cached_itself()
    {
        var anonymous = _factory.CreatePortalClient();
        await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        var signedIn = await _factory.SignedInClientAsync(await _factory.CreateUserAsync());
        var home = await signedIn.GetPageAsync("/");

        var afterSignOut = await Html.ParseAsync(await signedIn.ClickAsync(home.QuerySelector<IHtmlFormElement>("form[action='/akun/keluar']")!, "Keluar"));

        Assert.Equal("Anda telah keluar dari akun.", afterSignOut.Text("[role=status]"));
        Assert.Null((await anonymous.GetPageAsync("/")).QuerySelector("[role=status]"));
        Assert.Null((await signedIn.GetPageAsync("/")).QuerySelector("[role=status]"));
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip;q=1.0, br;q=0", "gzip")]
    [InlineData("identity", null)]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("*", "br")]
    public async Task Pages_are_compressed_as_the_client_asks_and_decode_to_the_same_html_with_vary(string acceptEncoding, string? expected)
    {
        var article = await AddArticleAsync();
        var plain = _factory.CreateDefaultClient();
        var html = await plain.GetStringAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));

        foreach (var attempt in new[] { "miss", "hit" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/berita/{article.Slug}", UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            using var response = await plain.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(html, await DecodeAsync(response, expected));
            // Without Accept-Encoding the plain request above already stored the identity variant.
            Assert.Equal(attempt == "hit" || expected is null, response.Headers.Age is not null);
        }
    }

    /// <summary>The one negotiator that static files and cached pages share.</summary>
    [Theory]
    [InlineData(null, ContentEncodings.Identity)]
    [InlineData("", ContentEncodings.Identity)]
    [InlineData("gzip, deflate, br", ContentEncodings.Brotli)]
    [InlineData("br;q=0, gzip", ContentEncodings.Gzip)]
    [InlineData("gzip;q=1.0, br;q=0", ContentEncodings.Gzip)]
    [InlineData("gzip;q=1, br;q=0.5", ContentEncodings.Gzip)]
    [InlineData("br, gzip;q=0.8", ContentEncodings.Brotli)]
    [InlineData("br;q=0.5, gzip;q=0.5", ContentEncodings.Brotli)]
    [InlineData("*", ContentEncodings.Brotli)]
    [InlineData("*;q=0.5, br;q=0", ContentEncodings.Gzip)]
    [InlineData("gzip, *;q=0", ContentEncodings.Gzip)]
    [InlineData("gzip;q=0, br;q=0", ContentEncodings.Identity)]
    [InlineData("identity", ContentEncodings.Identity)]
    [InlineData("deflate", ContentEncodings.Identity)]
    [InlineData("BR", ContentEncodings.Brotli)]
    public void The_encoding_follows_the_preferences_the_client_states(string? acceptEncoding, string expected)
    {
        Assert.Equal(expected, ContentEncodings.Choose(acceptEncoding));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("no-store, no-cache", null, false)]
    [InlineData("private", null, false)]
    [InlineData(null, "portal.af=x; path=/", false)]
    public void An_answer_with_a_token_or_a_cookie_is_not_compressed_whatever_the_request(string? cacheControl, string? setCookie, bool compressed)
    {
        // The compression middleware takes the registered provider: it must be this one.
        var provider = Assert.IsType<Portal.Caching.PageCompressionProvider>(_factory.Services.GetRequiredService<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider>());
        var context = new DefaultHttpContext { RequestServices = _factory.Services };
        context.Request.Headers.AcceptEncoding = "br";
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = cacheControl;
        context.Response.Headers.SetCookie = setCookie;

        Assert.True(provider.CheckRequestAcceptsCompression(context));
        Assert.Equal(compressed, provider.ShouldCompressResponse(context));
    }

    [Fact]
    public async Task The_feed_is_compressed_and_answers_a_matching_if_none_match_with_304()
    {
        var client = _factory.CreateDefaultClient();
        using var first = new HttpRequestMessage(HttpMethod.Get, new Uri("/feed.xml", UriKind.Relative));
        first.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var answer = await client.SendAsync(first);
        Assert.Equal("gzip", answer.Content.Headers.ContentEncoding.Single());
        var etag = answer.Headers.ETag!;
        Assert.False(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/feed.xml", UriKind.Relative));
        again.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var otherEncoding = new HttpRequestMessage(HttpMethod.Get, new Uri("/feed.xml", UriKind.Relative));
        otherEncoding.Headers.IfNoneMatch.Add(etag);
        using var full = await client.SendAsync(otherEncoding);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.NotEqual(etag, full.Headers.ETag);
    }

    [Fact]
    public async Task Cached_answers_still_carry_the_security_headers_and_errors_are_not_cached()
    {
        var client = _factory.CreatePortalClient();
        await client.GetAsync(new Uri("/", UriKind.Relative));
        var hit = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal("DENY", hit.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", hit.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", hit.Headers.GetValues("X-Content-Type-Options").Single());

        var missing = $"/berita/belum-ada-{Guid.NewGuid():N}";
        await client.GetAsync(new Uri(missing, UriKind.Relative));
        var again = await client.GetAsync(new Uri(missing, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response, string? encoding)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var decoded = encoding switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            _ => body,
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    /// <summary>
    /// The follower's poll that read the log just before a save in this process committed must not
    /// act after the save announced itself: it would drop the pages cached since and, as the id it
    /// read is older, drop them again at its next poll.
    /// </summary>
    [Fact]
    public async Task A_follower_read_from_before_a_save_in_this_process_does_not_drop_the_pages_cached_after_it()
    {
        var cache = _factory.Services.GetRequiredService<PageCache>();
        var followedWhenRead = cache.FollowedChangeId;
        var latestWhenRead = await _factory.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id));
        var article = await AddArticleAsync();
        var client = _factory.CreatePortalClient();
        await client.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));

        cache.ChangeLogMoved(latestWhenRead, followedWhenRead);

        var again = await client.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(article.Title, (await Html.ParseAsync(again)).Text("h1"));
        Assert.True(cache.FollowedChangeId > latestWhenRead, "the cache still follows the save's change, not the older read");
    }

    private async Task<Article> AddArticleAsync(DateTime? publishedAtUtc = null)
    {
        var article = TestData.Article(publishedAtUtc: publishedAtUtc);
        await _factory.WithDbAsync(async db =>
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        });
        return article;
    }

    /// <summary>A change that writes no change-log row (bulk SQL bypasses the recorder).</summary>
    private Task<int> RenameSilentlyAsync(int articleId, string title) =>
        _factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Articles\" SET \"Title\" = {title} WHERE \"Id\" = {articleId}"));
}
