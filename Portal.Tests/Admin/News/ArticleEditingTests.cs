using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Content;
using Portal.News;

namespace Portal.Tests.Admin.News;

public class ArticleEditingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ImportedSlug = "36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan";

    [Fact]
    public async Task An_editor_writes_a_draft_then_publishes_it_and_the_publication_is_audited()
    {
        var editor = await factory.CreateUserAsync(Roles.Editor);
        var client = await factory.SignedInClientAsync(editor);
        var title = $"Pendaftaran Pelatihan Menjahit Dibuka {Guid.NewGuid():N}";
        var form = await client.NewArticleFormAsync();

        var saved = await Html.ParseAsync(await client.ClickAsync(form, "Simpan", Fields(title, "Isi berita **penting**.", tags: "Menjahit, APBD")));

        Assert.Equal("Perubahan disimpan.", saved.Text("[role=status]"));
        Assert.Equal("Draf", saved.Text(".article-state"));
        var article = await LoadAsync(a => a.Title == title);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(ContentOrigin.Portal, article.Origin);
        Assert.StartsWith("pendaftaran-pelatihan-menjahit-dibuka-", article.Slug, StringComparison.Ordinal);
        Assert.Contains("<strong>penting</strong>", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["APBD", "Menjahit"], article.Topics.Select(t => t.Name).Order().ToArray());
        await factory.CreatePortalClient().GetPageAsync($"/berita/{article.Slug}", HttpStatusCode.NotFound);

        var published = await Html.ParseAsync(await client.ClickAsync(saved.ArticleForm(), "Terbitkan sekarang"));

        Assert.Equal("Berita diterbitkan dan sudah tampil di portal.", published.Text("[role=status]"));
        Assert.Equal("Terbit", published.Text(".article-state"));
        var publicPage = await factory.CreatePortalClient().GetPageAsync($"/berita/{article.Slug}");
        Assert.Equal(title, publicPage.Text("h1"));
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.ArticlePublished && e.Target.Contains(article.Slug)));
        Assert.Equal(editor.Email, entry.ActorName);
        Assert.Equal(editor.Id, entry.ActorUserId);
    }

    [Fact]
    public async Task The_preview_button_shows_the_body_as_the_public_page_will_and_saves_nothing()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var title = $"Pratinjau {Guid.NewGuid():N}";
        var body = "## Jadwal\n\nPeserta **wajib** hadir. <script>alert(1)</script> [klik](javascript:alert(1))";
        var form = await client.NewArticleFormAsync();

        var page = await Html.ParseAsync(await client.ClickAsync(form, "Pratinjau", Fields(title, body)));

        var preview = page.QuerySelector(".preview .article-body")!;
        Assert.Equal("Jadwal", preview.QuerySelector("h2")!.TextContent);
        Assert.Equal("wajib", preview.QuerySelector("strong")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.DoesNotContain("javascript:", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
        await factory.AssertKeptAndNotSavedAsync(page, title, body);
    }

    [Fact]
    public async Task The_live_preview_handler_answers_with_the_same_sanitized_html()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["markdown"] = "# Judul\n\n<img src=x onerror=alert(1)> *miring*",
        });

        using var response = await client.PostAsync(new Uri("/admin/berita/baru?handler=RenderPreview", UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"judul\">Judul</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<em>miring</em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_and_a_taken_slug_are_explained_beside_the_fields_and_the_form_is_kept()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();

        var page = await Html.ParseAsync(await client.ClickAsync(form, "Simpan", new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.Summary"] = "Ringkasan tetap ada.",
        }));

        Assert.Equal("Judul wajib diisi.", page.Text("[data-valmsg-for='Input.Title']"));
        Assert.Equal("Ringkasan tetap ada.", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Summary']")!.Value);

        page = await Html.ParseAsync(await client.ClickAsync(page.ArticleForm(), "Simpan",
            Fields("Judul lain", "Isi.", slug: ImportedSlug)));

        Assert.Contains("sudah dipakai", page.Text("[data-valmsg-for='Input.Slug']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_article_whose_slug_changes_keeps_its_old_address_as_a_permanent_redirect()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var article = TestData.Article();
        await factory.AddAsync(article);
        var newSlug = TestData.Unique("alamat-baru");

        var form = await client.EditArticleFormAsync(article.Id);
        await client.ClickAsync(form, "Simpan", new Dictionary<string, string> { ["Input.Slug"] = newSlug });

        var visitor = factory.CreatePortalClient(followRedirects: false);
        using var old = await visitor.GetAsync(new Uri($"/berita/{article.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/berita/{newSlug}", old.Headers.Location!.OriginalString);
        await factory.CreatePortalClient().GetPageAsync($"/berita/{newSlug}");

        // The old slug stays reserved for this article: another article cannot take it over.
        var other = await client.NewArticleFormAsync();
        var refused = await Html.ParseAsync(await client.ClickAsync(other, "Simpan", Fields("Berita lain", "Isi.", slug: article.Slug)));
        Assert.Contains("sudah dipakai", refused.Text("[data-valmsg-for='Input.Slug']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_changed_save_keeps_a_revision_and_an_earlier_one_can_be_restored()
    {
        var editor = await factory.CreateUserAsync(Roles.Editor);
        var client = await factory.SignedInClientAsync(editor);
        var title = $"Revisi {Guid.NewGuid():N}";
        var page = await Html.ParseAsync(await client.ClickAsync(await client.NewArticleFormAsync(), "Simpan", Fields(title, "Isi pertama.")));
        page = await Html.ParseAsync(await client.ClickAsync(page.ArticleForm(), "Simpan",
            new Dictionary<string, string> { ["Input.Body"] = "Isi kedua." }));
        var article = await LoadAsync(a => a.Title == title);
        Assert.Equal("Isi kedua.", article.BodyMarkdown);

        var revisions = await client.GetPageAsync($"/admin/berita/{article.Id}/revisi");
        Assert.Equal(2, revisions.QuerySelectorAll(".revision-list li").Length);
        var first = await client.GetPageAsync($"/admin/berita/{article.Id}/revisi?revisi=1");
        Assert.Equal("Isi pertama.", first.Text(".revision-body"));
        Assert.Contains(editor.Email!, first.Text(".revision-list"), StringComparison.Ordinal);

        var restored = await Html.ParseAsync(await client.ClickAsync(first.QuerySelector<IHtmlFormElement>(".restore-form")!, "Pulihkan revisi 1"));

        Assert.Contains("Revisi dipulihkan", restored.Text("[role=status]"), StringComparison.Ordinal);
        article = await LoadAsync(a => a.Id == article.Id);
        Assert.Equal("Isi pertama.", article.BodyMarkdown);
        Assert.Equal("<p>Isi pertama.</p>", article.BodyHtml.Trim());
        var all = await factory.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal([1, 2, 3], all.Select(r => r.Number));
        Assert.Equal("Dipulihkan dari revisi 1", all[2].Note);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.ArticleRevisionRestored && e.ActorUserId == editor.Id)));
    }

    [Fact]
    public async Task The_second_of_two_editors_gets_both_versions_and_overwrites_nothing()
    {
        var article = TestData.Article(body: "Isi awal.");
        await factory.AddAsync(article);
        var first = await factory.CreateUserAsync(Roles.Editor);
        var firstClient = await factory.SignedInClientAsync(first);
        var secondClient = await factory.ClientInRoleAsync(Roles.Editor);
        var firstForm = await firstClient.EditArticleFormAsync(article.Id);
        var secondForm = await secondClient.EditArticleFormAsync(article.Id);

        await firstClient.ClickAsync(firstForm, "Simpan", new Dictionary<string, string> { ["Input.Body"] = "Versi editor pertama." });
        var conflict = await Html.ParseAsync(await secondClient.ClickAsync(secondForm, "Simpan", new Dictionary<string, string> { ["Input.Body"] = "Versi editor kedua." }));

        Assert.Equal("Perubahan Anda belum disimpan", conflict.Text(".conflict h2"));
        Assert.Contains(first.Email!, conflict.Text(".conflict"), StringComparison.Ordinal);
        Assert.Equal("Versi editor pertama.", conflict.Text(".conflict-theirs .conflict-body"));
        Assert.Equal("Versi editor kedua.", conflict.Text(".conflict-mine .conflict-body"));
        Assert.Equal("Versi editor kedua.", conflict.BodyInForm());
        Assert.Equal("Versi editor pertama.", (await LoadAsync(a => a.Id == article.Id)).BodyMarkdown);

        // Having seen the other version, the second editor may now choose to save theirs.
        await secondClient.ClickAsync(conflict.ArticleForm(), "Simpan");
        Assert.Equal("Versi editor kedua.", (await LoadAsync(a => a.Id == article.Id)).BodyMarkdown);
    }

    [Fact]
    public async Task The_version_column_refuses_a_save_over_a_version_that_changed_meanwhile()
    {
        var article = TestData.Article();
        await factory.AddAsync(article);

        await factory.WithDbAsync(async first =>
        {
            var mine = await first.Articles.SingleAsync(a => a.Id == article.Id);
            await factory.WithDbAsync(async second =>
            {
                var theirs = await second.Articles.SingleAsync(a => a.Id == article.Id);
                theirs.Title = "Disimpan lebih dulu";
                theirs.Version++;
                await second.SaveChangesAsync();
            });

            mine.Title = "Disimpan kemudian";
            mine.Version++;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        });

        Assert.Equal("Disimpan lebih dulu", (await LoadAsync(a => a.Id == article.Id)).Title);
    }

    [Fact]
    public async Task Editing_an_imported_article_makes_the_portal_version_the_one_that_counts()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var id = (await LoadAsync(a => a.Slug == ImportedSlug)).Id;

        var form = await client.EditArticleFormAsync(id);
        await client.ClickAsync(form, "Simpan", new Dictionary<string, string> { ["Input.Summary"] = "Ringkasan disunting di portal." });

        var article = await LoadAsync(a => a.Id == id);
        Assert.Equal(ContentOrigin.Portal, article.Origin);
        Assert.Equal("Ringkasan disunting di portal.", article.Summary);
        var original = await factory.WithDbAsync(db => db.ArticleRevisions.SingleAsync(r => r.ArticleId == id && r.Number == 1));
        Assert.Equal("Impor dari folder content/", original.SavedBy);
        Assert.NotEqual("Ringkasan disunting di portal.", original.Summary);
    }

    [Fact]
    public async Task Archiving_takes_an_article_off_the_portal_and_is_audited()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var article = TestData.Article();
        await factory.AddAsync(article);

        var page = await Html.ParseAsync(await client.ClickAsync(await client.EditArticleFormAsync(article.Id), "Arsipkan"));

        Assert.Equal("Diarsipkan", page.Text(".article-state"));
        await factory.CreatePortalClient().GetPageAsync($"/berita/{article.Slug}", HttpStatusCode.NotFound);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.ArticleArchived && e.Target.Contains(article.Slug))));
        var list = await client.GetPageAsync("/admin/berita?status=arsip");
        Assert.Contains(list.QuerySelectorAll(".staff-articles a"), a => a.TextContent == article.Title);
    }

    [Fact]
    public async Task The_staff_news_list_filters_by_state_and_finds_by_title()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var draft = TestData.Article(title: $"Draf kopi {marker}", status: ArticleStatus.Draft);
        var scheduled = TestData.Article(title: $"Jadwal kopi {marker}", publishedAtUtc: factory.Clock.GetUtcNow().UtcDateTime.AddDays(3));
        await factory.WithDbAsync(db => { db.Articles.AddRange(draft, scheduled); return db.SaveChangesAsync(); });

        var scheduledOnly = await client.GetPageAsync($"/admin/berita?status=terjadwal&q=KOPI+{marker}");
        var everything = await client.GetPageAsync($"/admin/berita?q=kopi+{marker}");

        Assert.Equal([scheduled.Title], scheduledOnly.QuerySelectorAll(".staff-articles tbody a").Select(a => a.TextContent));
        Assert.Equal("Terjadwal", scheduledOnly.Text(".staff-articles .badge"));
        Assert.Equal(2, everything.QuerySelectorAll(".staff-articles tbody tr").Length);
    }

    private static Dictionary<string, string> Fields(string title, string body, string? tags = null, string? slug = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = $"Ringkasan {title}.",
            ["Input.Body"] = body,
        };
        if (tags is not null)
        {
            fields["Input.Tags"] = tags;
        }

        if (slug is not null)
        {
            fields["Input.Slug"] = slug;
        }

        return fields;
    }

    private Task<Article> LoadAsync(System.Linq.Expressions.Expression<Func<Article, bool>> where) =>
        factory.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Topics).SingleAsync(where));
}
