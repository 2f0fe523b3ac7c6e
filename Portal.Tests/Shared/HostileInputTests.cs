using System.Buffers.Binary;
using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.News;

namespace Portal.Tests.Shared;

/// <summary>
/// Input built to break pages, as the Production app meets it (friendly error pages, no
/// developer page): every answer is Indonesian and none is a 5xx.
/// </summary>
public class HostileInputTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    private static readonly string QuotesOnOneLine = Repeat("> ", 40_000);
    private static readonly string QuotesOnManyLines = Repeat("> ", 2_000) + "isi";

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "Simpan", QuotesOnOneLine, MarkdownRenderer.LineTooLong },
        { "Terbitkan sekarang", QuotesOnOneLine, MarkdownRenderer.LineTooLong },
        { "Simpan", QuotesOnManyLines, MarkdownRenderer.TooDeep },
        { "Terbitkan sekarang", QuotesOnManyLines, MarkdownRenderer.TooDeep },
        { "Jadwalkan", QuotesOnManyLines, MarkdownRenderer.TooDeep },
        { "Pratinjau", QuotesOnManyLines, MarkdownRenderer.TooDeep },
        { "Pratinjau", QuotesOnOneLine, MarkdownRenderer.LineTooLong },
        { "Terbitkan sekarang", Table(columns: 2_000, rows: 3), MarkdownRenderer.LineTooLong },
        { "Terbitkan sekarang", "| a |\n|---|\n" + Repeat("| b |\n", 15_000), MarkdownRenderer.TooComplex },
        { "Pratinjau", "| a |\n|---|\n" + Repeat("| b |\n", 15_000), MarkdownRenderer.TooComplex },
        { "Terbitkan sekarang", Table(columns: 2, rows: 50_000), "Isi berita terlalu panjang (paling banyak 100.000 karakter)." },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_article_body_that_cannot_be_rendered_is_a_message_beside_the_body_and_nothing_is_saved(string button, string body, string message)
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var title = $"Berita bermasalah {Guid.NewGuid():N}";
        var form = await client.NewArticleFormAsync();
        var watch = Stopwatch.StartNew();

        using var response = await client.ClickAsync(form, button, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Ringkasan.",
            ["Input.Body"] = body,
            ["Input.PublishAtWib"] = "2025-12-01T09:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{button}: {watch.Elapsed}");
        var page = await Html.ParseAsync(response);
        Assert.Equal(message, page.Text("[data-valmsg-for='Input.Body']"));
        Assert.Null(page.QuerySelector(".preview"));
        await factory.AssertKeptAndNotSavedAsync(page, title, body);
    }

    [Fact]
    public async Task The_live_preview_answers_the_reason_instead_of_failing()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["markdown"] = QuotesOnManyLines,
        });

        using var response = await client.PostAsync(new Uri("/admin/berita/baru?handler=RenderPreview", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await Html.ParseAsync(response);
        Assert.Equal(MarkdownRenderer.TooDeep, preview.Text("[role=alert]"));
        Assert.Null(preview.QuerySelector("blockquote"));
    }

    [Fact]
    public async Task A_revision_that_cannot_be_rendered_is_not_restored_and_the_page_says_why()
    {
        var article = TestData.Article(body: "Isi sekarang.");
        await factory.WithDbAsync(async db =>
        {
            db.Articles.Add(article);
            db.ArticleRevisions.Add(new ArticleRevision
            {
                Article = article,
                Number = 1,
                Title = article.Title,
                Summary = article.Summary,
                BodyMarkdown = QuotesOnManyLines,
                SavedAtUtc = article.UpdatedAtUtc.AddHours(-1),
                SavedBy = "Humas",
            });
            db.ArticleRevisions.Add(new ArticleRevision
            {
                Article = article,
                Number = 2,
                Title = article.Title,
                Summary = article.Summary,
                BodyMarkdown = article.BodyMarkdown,
                SavedAtUtc = article.UpdatedAtUtc,
                SavedBy = "Humas",
            });
            await db.SaveChangesAsync();
        });
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var revisions = await client.GetPageAsync($"/admin/berita/{article.Id}/revisi?revisi=1");

        var page = await Html.ParseAsync(await client.ClickAsync(revisions.QuerySelector<IHtmlFormElement>(".restore-form")!, "Pulihkan revisi 1"));

        Assert.Equal($"Revisi 1 tidak dapat dipulihkan: {MarkdownRenderer.TooDeep}", page.Text(".status-message[role=alert]"));
        var stored = await factory.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == article.Id));
        Assert.Equal("Isi sekarang.", stored.BodyMarkdown);
    }

    [Fact]
    public async Task A_programme_description_that_cannot_be_rendered_is_a_message_beside_the_field()
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var title = $"Program bermasalah {Guid.NewGuid():N}";
        var form = (await client.GetPageAsync("/admin/pelatihan/program/baru")).QuerySelector<IHtmlFormElement>("form.programme-form")!;

        using var response = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Ringkasan program.",
            ["Input.Description"] = QuotesOnManyLines,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(MarkdownRenderer.TooDeep, page.Text("[data-valmsg-for='Input.Description']"));
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Title == title)));
    }

    [Theory]
    [InlineData(8_000, 5_000, "lebih dari 16 megapiksel")]
    [InlineData(10_000, 10_000, "lebih dari 40 megapiksel")]
    public async Task A_huge_cover_image_is_refused_from_its_header_before_any_pixel_is_decoded(int width, int height, string message)
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();

        using var response = await client.ClickAsync(form, "Simpan", new Dictionary<string, string>
        {
            ["Input.Title"] = $"Sampul raksasa {Guid.NewGuid():N}",
            ["Input.Summary"] = "Ringkasan.",
            ["Input.Body"] = "Isi.",
        }, new UploadFile("Cover", "sampul.png", "image/png", PngHeaderOnly(width, height)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.Text("[data-valmsg-for='Cover']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cover_on_another_site_cannot_be_set_through_the_hidden_field()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        var title = $"Sampul situs lain {Guid.NewGuid():N}";

        using var response = await client.ClickAsync(form, "Simpan", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Ringkasan.",
            ["Input.CoverImagePath"] = "//evil.example/x.jpg",
            ["Input.CoverImageAlt"] = "Foto",
        });

        var page = await Html.ParseAsync(response);
        Assert.Contains("Gambar sampul tidak ditemukan", page.Text("[data-valmsg-for='Input.CoverImagePath']"), StringComparison.Ordinal);
        Assert.False(await factory.AnyArticleTitledAsync(title));
    }

    [Theory]
    [InlineData("/akun/daftar", null)]
    [InlineData("/akun/masuk", null)]
    [InlineData("/cari", null)]
    [InlineData("/admin/berita/baru?handler=Save", Roles.Editor)]
    [InlineData("/admin/pelatihan/program/baru", Roles.Operator)]
    public async Task A_10_MB_form_post_gets_the_Indonesian_413_page_never_a_server_error(string path, string? role)
    {
        var client = role is null ? factory.CreatePortalClient() : await factory.ClientInRoleAsync(role);
        var token = (await client.GetPageAsync(path.Split('?')[0])).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? string.Empty;
        foreach (var multipart in new[] { false, true })
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "besar@contoh.go.id",
                ["Input.Title"] = "Judul",
                ["Input.Body"] = new string('a', 10 * 1024 * 1024),
            };
            using HttpContent content = multipart ? Multipart(fields) : new FormUrlEncodedContent(fields);

            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Equal("Kiriman terlalu besar", page.Text("h1"));
            Assert.Contains("paling besar 8 MB", page.Text(".lead"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_too_large_to_read_below_the_limit_gets_the_Indonesian_400_page()
    {
        var client = factory.CreatePortalClient();
        var token = (await client.GetPageAsync("/akun/daftar")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = new string('a', 5 * 1024 * 1024),
        });

        using var response = await client.PostAsync(new Uri("/akun/daftar", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Permintaan tidak dapat diproses", (await Html.ParseAsync(response)).Text("h1"));
    }

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    /// <summary>
    /// A PNG whose header announces the given size, followed by almost no image data: what a
    /// decompression bomb looks like to a decoder that trusts the header.
    /// </summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string Table(int columns, int rows) =>
        "|" + Repeat(" a |", columns) + "\n|" + Repeat("---|", columns) + "\n" + Repeat("|" + Repeat(" b |", columns) + "\n", rows);
}
