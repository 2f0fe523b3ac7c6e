using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Admin.News;
using Portal.Shared;
using SkiaSharp;
using Xunit.Abstractions;

namespace Portal.Tests.Admin.News;

/// <summary>
/// The responsive sizes of covers: made at upload, or later for a cover that has none yet,
/// served like the original, and offered by the article page as a picture with srcset.
/// A class (and data folder) of its own: its background work must not touch the upload
/// folder that <see cref="CoverImageTests"/> counts.
/// </summary>
public class CoverVariantTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private static readonly StaffActor Editor = new(null, "editor-sampul@contoh.go.id");

    public static TheoryData<int, int, int[]> UploadSizes => new()
    {
        { 1600, 900, [480, 800, 1200, 1600] },
        { 2400, 1200, [480, 800, 1200, 1600] },
        { 640, 360, [480, 640] },
        { 480, 320, [480] },
        { 300, 200, [300] },
        { 900, 1600, [480, 800, 900] },
    };

    [Theory]
    [MemberData(nameof(UploadSizes))]
    public async Task An_upload_is_stored_with_WebP_and_JPEG_sizes_never_wider_than_itself(int width, int height, int[] widths)
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();

        var stored = await covers.StoreAsync(new MemoryStream(Photo(width, height)), CancellationToken.None);

        Assert.True(stored.Succeeded, stored.Summary);
        var key = Key(stored.Value);
        var (_, storedWidth, storedHeight) = Decode(Path.Combine(covers.Folder, key + ".jpg"));
        var made = Directory.GetFiles(covers.Folder, key + "-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = widths.SelectMany(w => w == storedWidth
                ? new[] { $"{key}-{w}.webp" }
                : [$"{key}-{w}.jpg", $"{key}-{w}.webp"])
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, made);
        foreach (var w in widths)
        {
            var sizeHeight = (int)Math.Round((double)storedHeight * w / storedWidth);
            Assert.Equal((SKEncodedImageFormat.Webp, w, sizeHeight), Decode(Path.Combine(covers.Folder, $"{key}-{w}.webp")));
            if (w < storedWidth)
            {
                Assert.Equal((SKEncodedImageFormat.Jpeg, w, sizeHeight), Decode(Path.Combine(covers.Folder, $"{key}-{w}.jpg")));
            }
        }
    }

    [Fact]
    public async Task For_a_photo_every_WebP_size_is_smaller_than_its_JPEG()
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var key = Key((await covers.StoreAsync(new MemoryStream(Photo(1600, 900)), CancellationToken.None)).Value);

        foreach (var w in CoverVariants.Widths.Append(1600))
        {
            var jpeg = new FileInfo(Path.Combine(covers.Folder, w == 1600 ? $"{key}.jpg" : $"{key}-{w}.jpg")).Length;
            var webp = new FileInfo(Path.Combine(covers.Folder, $"{key}-{w}.webp")).Length;
            output.WriteLine($"{w,5} px: JPEG {jpeg,8:N0} bytes, WebP {webp,8:N0} bytes ({100.0 * webp / jpeg:F0} %)");
            Assert.True(webp < jpeg, $"{w} px: WebP {webp} bytes, JPEG {jpeg} bytes");
        }
    }

    [Fact]
    public async Task The_article_page_offers_the_cover_as_a_picture_with_sizes_fetched_first()
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var cover = (await covers.StoreAsync(new MemoryStream(Photo(1600, 900)), CancellationToken.None)).Value;
        var key = Key(cover);
        var slug = await PublishAsync(cover);

        var page = await factory.CreatePortalClient().GetPageAsync($"/berita/{slug}");

        var picture = page.QuerySelector("article header picture")!;
        var source = picture.QuerySelector("source")!;
        var image = picture.QuerySelector<IHtmlImageElement>("img")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal(
            $"/unggahan/{key}-480.webp 480w, /unggahan/{key}-800.webp 800w, /unggahan/{key}-1200.webp 1200w, /unggahan/{key}-1600.webp 1600w",
            source.GetAttribute("srcset"));
        Assert.Equal(
            $"/unggahan/{key}-480.jpg 480w, /unggahan/{key}-800.jpg 800w, /unggahan/{key}-1200.jpg 1200w, {cover} 1600w",
            image.GetAttribute("srcset"));
        var sizes = source.GetAttribute("sizes");
        Assert.EndsWith("calc(100vw - 24px)", sizes, StringComparison.Ordinal);
        Assert.Equal(sizes, image.GetAttribute("sizes"));
        Assert.Equal(cover, image.GetAttribute("src"));
        Assert.Equal(("1600", "900"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Equal("Peserta pelatihan di bengkel.", image.GetAttribute("alt"));
        Assert.Equal("high", image.GetAttribute("fetchpriority"));
        Assert.Equal("async", image.GetAttribute("decoding"));
        Assert.False(image.HasAttribute("loading"), "the cover is the page's largest content: never lazy");
        Assert.EndsWith($"/unggahan/{key}-1200.jpg", page.Meta("og:image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sizes_are_served_for_a_year_like_the_original()
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var key = Key((await covers.StoreAsync(new MemoryStream(Photo(1600, 900)), CancellationToken.None)).Value);
        var client = factory.CreatePortalClient();

        foreach (var (file, type) in new[] { ($"{key}-800.webp", "image/webp"), ($"{key}-800.jpg", "image/jpeg"), ($"{key}-1600.webp", "image/webp") })
        {
            using var response = await client.GetAsync(new Uri($"/unggahan/{file}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(StaticAssets.VersionedCacheControl, Normalized(response.Headers.CacheControl));
            Assert.Equal($"\"{Path.GetFileNameWithoutExtension(file)}\"", response.Headers.ETag!.Tag);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(covers.Folder, file)), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_cover_stored_before_sizes_existed_gets_them_when_its_page_is_first_shown()
    {
        var (folder, key, _) = StoreOriginalOnly(Photo(1600, 900, Random.Shared.Next()));
        var slug = await PublishAsync($"/unggahan/{key}.jpg");
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync($"/berita/{slug}");

        Assert.Equal(("1600", "900"), (page.QuerySelector("article header img")!.GetAttribute("width"), page.QuerySelector("article header img")!.GetAttribute("height")));
        Assert.Contains($"/unggahan/{key}-800.webp 800w", page.QuerySelector("article header picture source")!.GetAttribute("srcset"), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(Directory.GetFiles(folder, key + "-*").Length == 7), "the seven sizes made in the background");
        Assert.Equal(675, Decode(Path.Combine(folder, $"{key}-1200.jpg")).Height);
        using var later = await client.GetAsync(new Uri($"/unggahan/{key}-800.webp", UriKind.Relative));
        Assert.Equal("image/webp", later.Content.Headers.ContentType!.MediaType);
        Assert.Equal(StaticAssets.VersionedCacheControl, Normalized(later.Headers.CacheControl));
    }

    [Fact]
    public async Task A_missing_size_is_answered_with_the_original_uncached_and_made_again()
    {
        var (folder, key, original) = StoreOriginalOnly(Photo(1000, 600, Random.Shared.Next()));

        using var response = await factory.CreatePortalClient().GetAsync(new Uri($"/unggahan/{key}-480.webp", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", Normalized(response.Headers.CacheControl));
        Assert.Equal(original, await response.Content.ReadAsByteArrayAsync());
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Path.Combine(folder, $"{key}-480.webp"))), "the size made after the request");
    }

    [Fact]
    public async Task A_damaged_size_is_never_served_and_is_made_again()
    {
        var (folder, key, original) = StoreOriginalOnly(Photo(1000, 600, Random.Shared.Next()));
        var damaged = Path.Combine(folder, $"{key}-800.webp");
        await File.WriteAllBytesAsync(damaged, [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. new byte[40]]);

        using var response = await factory.CreatePortalClient().GetAsync(new Uri($"/unggahan/{key}-800.webp", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(original, await response.Content.ReadAsByteArrayAsync());
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(damaged) && Decode(damaged).Width == 800), "the damaged size made again");
    }

    [Fact]
    public async Task A_cover_that_cannot_be_read_is_shown_as_a_plain_image_and_nothing_fails()
    {
        var folder = factory.Services.GetRequiredService<CoverImages>().Folder;
        var key = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(folder, key + ".jpg"), [0xFF, 0xD8, 0xFF, .. new byte[100]]);
        var slug = await PublishAsync($"/unggahan/{key}.jpg");
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync($"/berita/{slug}");
        using var size = await client.GetAsync(new Uri($"/unggahan/{key}-800.webp", UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri($"/unggahan/{Guid.NewGuid():N}-800.webp", UriKind.Relative));

        Assert.Null(page.QuerySelector("article header picture"));
        Assert.Equal($"/unggahan/{key}.jpg", page.QuerySelector("article header img")!.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, size.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_cover_under_wwwroot_gets_sizes_in_the_upload_folder_without_being_upscaled()
    {
        var variants = factory.Services.GetRequiredService<CoverVariants>();

        var picture = variants.Describe("/img/og-default.png")!;

        Assert.Equal([480, 800, 1200], picture.Sizes.Select(s => s.Width));
        Assert.Equal((1200, 630), (picture.Largest.Width, picture.Largest.Height));
        Assert.Matches("^/unggahan/[0-9a-f]{32}-1200\\.jpg$", picture.OpenGraphPath);
        var folder = variants.Folder;
        await Eventually.TrueAsync(
            () => Task.FromResult(picture.Sizes.All(s => File.Exists(Path.Combine(folder, Path.GetFileName(s.WebpPath))) && File.Exists(Path.Combine(folder, Path.GetFileName(s.JpegPath))))),
            "the sizes of a content cover made in the background");
        Assert.Equal((SKEncodedImageFormat.Jpeg, 1200, 630), Decode(Path.Combine(folder, Path.GetFileName(picture.Largest.JpegPath))));
    }

    [Fact]
    public async Task On_a_360_pixel_phone_the_cover_weighs_a_fraction_of_the_stored_JPEG()
    {
        var covers = factory.Services.GetRequiredService<CoverImages>();
        var cover = (await covers.StoreAsync(new MemoryStream(Photo(1600, 900)), CancellationToken.None)).Value;
        var client = factory.CreatePortalClient();

        // 360 CSS pixels less the container's padding, at twice the density: 672 device pixels, so the 800 size.
        var before = (await client.GetByteArrayAsync(new Uri(cover, UriKind.Relative))).Length;
        var after = (await client.GetByteArrayAsync(new Uri($"/unggahan/{Key(cover)}-800.webp", UriKind.Relative))).Length;

        output.WriteLine($"1600×900 photo-like cover on a 360 px phone at DPR 2: before {before:N0} bytes (1600 JPEG), after {after:N0} bytes (800 WebP), {100.0 * after / before:F0} %");
        Assert.True(after * 3 < before, $"{after} bytes is not under a third of {before}");
    }

    /// <summary>
    /// A stand-in for a photo, drawn here (no photo from the web): soft gradients, shapes with blurred
    /// edges and fine grain, which is what makes a photo costly to compress, unlike a flat test image.
    /// </summary>
    internal static byte[] Photo(int width, int height, int seed = 16)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width * 0.3f, height),
                    [new SKColor(70, 130, 180), new SKColor(235, 200, 150), new SKColor(60, 90, 50)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, sky);
            for (var i = 0; i < 60; i++)
            {
                var radius = (float)(random.NextDouble() * Math.Min(width, height) / 5) + 4;
                var center = new SKPoint((float)random.NextDouble() * width, (float)random.NextDouble() * height);
                var color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(90, 230));
                using var paint = new SKPaint
                {
                    IsAntialias = true,
                    Shader = SKShader.CreateRadialGradient(center, radius, [color, color.WithAlpha(0)], SKShaderTileMode.Clamp),
                    MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, radius / 8),
                };
                canvas.DrawCircle(center, radius, paint);
            }

            // Grass in the lower part: fine detail, the costly part of a real photo.
            for (var i = 0; i < 3000; i++)
            {
                var x = (float)random.NextDouble() * width;
                var y = (float)(0.4 + (0.6 * random.NextDouble())) * height;
                using var blade = new SKPaint
                {
                    IsAntialias = true,
                    StrokeWidth = 1 + ((float)random.NextDouble() * 2),
                    Color = new SKColor((byte)random.Next(30, 120), (byte)random.Next(60, 160), (byte)random.Next(20, 90), 200),
                };
                canvas.DrawLine(x, y, x + (float)((random.NextDouble() * 16) - 8), y - (float)(random.NextDouble() * 24), blade);
            }
        }

        var pixels = bitmap.Bytes;
        var grain = new byte[pixels.Length];
        random.NextBytes(grain);
        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 4 != 3)
            {
                pixels[i] = (byte)Math.Clamp(pixels[i] + (grain[i] % 25) - 12, 0, 255);
            }
        }

        // As a camera or phone would hand it over: a JPEG of high quality.
        using var photo = SKImage.FromPixelCopy(bitmap.Info, pixels);
        using var data = photo.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    /// <summary>An original JPEG put in the upload folder as the portal stored covers before it made sizes (a seed of its own keeps it unlike any upload).</summary>
    private (string Folder, string Key, byte[] Original) StoreOriginalOnly(byte[] photo)
    {
        using var image = SKImage.FromEncodedData(photo);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        var jpeg = encoded.ToArray();
        var folder = factory.Services.GetRequiredService<CoverImages>().Folder;
        var key = CoverVariants.KeyOf(jpeg);
        File.WriteAllBytes(Path.Combine(folder, key + ".jpg"), jpeg);
        Assert.Empty(Directory.GetFiles(folder, key + "-*"));
        return (folder, key, jpeg);
    }

    private async Task<string> PublishAsync(string cover)
    {
        var title = $"Berita bersampul {Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var form = new ArticleForm { Title = title, Summary = "Ringkasan berita bersampul.", Body = "Isi berita.", CoverImagePath = cover, CoverImageAlt = "Peserta pelatihan di bengkel." };
        var result = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().SaveAsync(null, form, ArticleAction.PublishNow, Editor, CancellationToken.None);
        Assert.True(result is { Succeeded: true }, result?.Summary);
        return await factory.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Slug).SingleAsync());
    }

    private static string Key(string coverAddress) => Path.GetFileNameWithoutExtension(coverAddress);

    /// <summary>The format and the pixel size of an image file, decoded whole; a file that does not decode is (0, 0, 0).</summary>
    private static (SKEncodedImageFormat Format, int Width, int Height) Decode(string path)
    {
        using var codec = SKCodec.Create(path);
        using var bitmap = codec is null ? null : SKBitmap.Decode(codec);
        return bitmap is null ? default : (codec!.EncodedFormat, bitmap.Width, bitmap.Height);
    }

    private static string Normalized(CacheControlHeaderValue? header) => header?.ToString().Replace(", ", ",", StringComparison.Ordinal) ?? string.Empty;
}
