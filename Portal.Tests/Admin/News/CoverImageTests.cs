using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin.News;
using SkiaSharp;

namespace Portal.Tests.Admin.News;

public class CoverImageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "a text file named .jpg", Encoding.UTF8.GetBytes("Ini bukan gambar, hanya teks biasa."), "JPEG, PNG, atau WebP" },
        { "a GIF", [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B], "JPEG, PNG, atau WebP" },
        { "an SVG", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "JPEG, PNG, atau WebP" },
        { "a PNG signature over garbage", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]], "rusak" },
        { "more than 5 MB", [.. Image(SKEncodedImageFormat.Png, 20, 20), .. new byte[5 * 1024 * 1024]], "5 MB" },
        { "an empty file", [], "kosong" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Anything_but_a_readable_JPEG_PNG_or_WebP_up_to_5_MB_is_refused(string what, byte[] bytes, string message)
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var before = Directory.GetFiles(covers.Folder).Length;

        var result = await covers.StoreAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.False(result.Succeeded, what);
        Assert.Contains(message, result.Summary, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(covers.Folder).Length);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public async Task An_accepted_image_is_stored_as_a_fresh_JPEG_no_larger_than_1600_pixels(SKEncodedImageFormat format)
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();

        var result = await covers.StoreAsync(new MemoryStream(Image(format, 2400, 1200)), CancellationToken.None);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Matches("^/unggahan/[0-9a-f]{32}\\.jpg$", result.Value);
        var stored = await File.ReadAllBytesAsync(Path.Combine(covers.Folder, Path.GetFileName(result.Value)));
        using var codec = SKCodec.Create(new MemoryStream(stored));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(1600, codec.Info.Width);
        Assert.Equal(800, codec.Info.Height);
    }

    [Fact]
    public async Task Stored_covers_are_served_with_a_long_cache_lifetime()
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var path = (await covers.StoreAsync(new MemoryStream(Image(SKEncodedImageFormat.Png, 64, 64)), CancellationToken.None)).Value;

        using var response = await factory.CreatePortalClient().GetAsync(new Uri(path, UriKind.Relative));
        using var missing = await factory.CreatePortalClient().GetAsync(new Uri("/unggahan/../portal.db", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_refused_upload_is_explained_beside_the_field_and_the_rest_of_the_form_is_kept()
    {
        var title = $"Sampul palsu {Guid.NewGuid():N}";

        var (_, page) = await NewArticleWithCoverAsync(title, "Simpan",
            new UploadFile("Cover", "foto.jpg", "image/jpeg", Encoding.UTF8.GetBytes("bukan gambar")));

        Assert.Contains("JPEG, PNG, atau WebP", page.Text("[data-valmsg-for='Cover']"), StringComparison.Ordinal);
        await factory.AssertKeptAndNotSavedAsync(page, title, Body);
    }

    [Fact]
    public async Task An_accepted_upload_survives_another_fields_error_and_becomes_the_public_cover()
    {
        var title = $"Sampul asli {Guid.NewGuid():N}";

        var (client, page) = await NewArticleWithCoverAsync(title, "Terbitkan sekarang",
            new UploadFile("Cover", "foto.png", "image/png", Image(SKEncodedImageFormat.Png, 1200, 630)));

        Assert.Contains("Jelaskan isi gambar sampul", page.Text("[data-valmsg-for='Input.CoverImageAlt']"), StringComparison.Ordinal);
        var kept = page.QuerySelector<IHtmlInputElement>("input[name='Input.CoverImagePath']")!.Value;
        Assert.StartsWith("/unggahan/", kept, StringComparison.Ordinal);
        Assert.Equal(kept, page.QuerySelector(".cover-preview")!.GetAttribute("src"));

        await client.ClickAsync(page.ArticleForm(), "Terbitkan sekarang",
            new Dictionary<string, string> { ["Input.CoverImageAlt"] = "Peserta pelatihan berfoto bersama." });

        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Slug).SingleAsync());
        var publicPage = await factory.CreatePortalClient().GetPageAsync($"/berita/{slug}");
        var cover = publicPage.QuerySelector("article header img")!;
        Assert.Equal(kept, cover.GetAttribute("src"));
        Assert.Equal("Peserta pelatihan berfoto bersama.", cover.GetAttribute("alt"));
        Assert.EndsWith(kept, publicPage.Meta("og:image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cover_path_typed_into_the_hidden_field_is_not_trusted()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        var fields = Fields($"Sampul asing {Guid.NewGuid():N}");
        fields["Input.CoverImagePath"] = "https://contoh.invalid/pelacak.gif";
        fields["Input.CoverImageAlt"] = "Gambar";

        var page = await Html.ParseAsync(await client.ClickAsync(form, "Simpan", fields));

        Assert.Contains("Gambar sampul tidak ditemukan", page.Text("[data-valmsg-for='Input.CoverImagePath']"), StringComparison.Ordinal);
    }

    private const string Body = "Isi berita dengan sampul.";

    private static Dictionary<string, string> Fields(string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = "Ringkasan berita dengan sampul.",
        ["Input.Body"] = Body,
    };

    /// <summary>A signed-in editor posts a new article with a cover file using the given button; the page it gets back.</summary>
    private async Task<(HttpClient Client, IHtmlDocument Page)> NewArticleWithCoverAsync(string title, string button, UploadFile cover)
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var form = await client.NewArticleFormAsync();
        return (client, await Html.ParseAsync(await client.ClickAsync(form, button, Fields(title), cover)));
    }

    internal static byte[] Image(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(11, 79, 108, 200));
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
