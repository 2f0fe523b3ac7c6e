using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Portal.Training;

/// <summary>
/// The link-preview image of a programme (og:image): a 1200 × 630 PNG card with its title, drawn
/// with Skia as the covers are. The font is shipped inside the portal (Fonts/, DejaVu Sans Bold
/// cut to Latin-1): Skia's Linux assets here read no system fonts. A card's address carries the
/// fingerprint of what is drawn (the title, the site's name and <see cref="DrawingVersion"/>), so it never changes
/// content and is cached for a year; a new title is a new address. Drawn cards are kept in memory
/// by fingerprint (tens of kilobytes each; only titles that exist are ever drawn). A singleton:
/// the typeface is immutable and the cache concurrent.
/// </summary>
public sealed class ProgrammeCards(IOptions<SiteOptions> site)
{
    public const int Width = 1200;
    public const int Height = 630;
    public const string RouteName = "ProgrammeCard";
    public const string RoutePattern = "/pelatihan/{slug}/kartu-{versi}.png";

    /// <summary>Changed with the drawing, so that previews cached under the old address are fetched anew.</summary>
    private const string DrawingVersion = "1";

    private const float Margin = 80;

    private static readonly Lazy<SKTypeface> Bold = new(() =>
    {
        using var stream = typeof(ProgrammeCards).Assembly.GetManifestResourceStream("Portal.Training.Fonts.DejaVuSans-Bold-Latin.ttf")
            ?? throw new InvalidOperationException("The card font is not embedded in the portal.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The card font cannot be read.");
    });

    private static readonly SKColor Primary = SKColor.Parse("#0b4f6c");
    private static readonly SKColor Accent = SKColor.Parse("#f2b705");

    private readonly ConcurrentDictionary<string, byte[]> _drawn = new(StringComparer.Ordinal);

    public static string Fingerprint(string title, string siteName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{DrawingVersion}\n{title}\n{siteName}")))[..16];

    public byte[] Draw(string title) => _drawn.GetOrAdd(Fingerprint(title, site.Value.Name), _ => Render(title));

    /// <summary>GET /pelatihan/{slug}/kartu-{fingerprint}.png; an older fingerprint is sent on to the current card.</summary>
    internal static async Task<IResult> ServeAsync(
        string slug, string versi, PortalDbContext db, ProgrammeCards cards, SiteLinks links, IOptions<SiteOptions> site, HttpContext context)
    {
        var title = await db.Programmes.AsNoTracking().Where(p => p.Slug == slug).Select(p => p.Title).SingleOrDefaultAsync(context.RequestAborted);
        if (title is null)
        {
            return Results.NotFound();
        }

        if (versi != Fingerprint(title, site.Value.Name))
        {
            return Results.Redirect(links.ProgrammeCard(slug, title));
        }

        context.Response.Headers.CacheControl = StaticAssets.VersionedCacheControl;
        return Results.Bytes(cards.Draw(title), "image/png");
    }

    private byte[] Render(string title)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Primary);
        using var paint = new SKPaint { IsAntialias = true, Color = Accent };
        canvas.DrawRect(0, Height - 24, Width, 24, paint);

        using var small = new SKFont(Bold.Value, 34);
        paint.Color = Accent;
        canvas.DrawText("PROGRAM PELATIHAN KERJA", Margin, Margin + 34, SKTextAlign.Left, small, paint);

        // The largest size at which the title fits in three lines.
        var maxWidth = Width - (2 * Margin);
        var size = 84f;
        List<string> lines;
        while (true)
        {
            using var trial = new SKFont(Bold.Value, size);
            lines = Wrap(title, trial, maxWidth);
            if ((lines.Count <= 3 && lines.All(l => trial.MeasureText(l) <= maxWidth)) || size <= 40)
            {
                break;
            }

            size -= 4;
        }

        using var big = new SKFont(Bold.Value, size);
        paint.Color = SKColors.White;
        var lineHeight = size * 1.2f;
        var top = 210 + ((3 - Math.Min(lines.Count, 3)) * lineHeight / 2);
        foreach (var (line, i) in lines.Take(3).Select((l, i) => (l, i)))
        {
            var text = i == 2 && lines.Count > 3 ? line + "…" : line;
            canvas.DrawText(text, Margin, top + (i * lineHeight) + size, SKTextAlign.Left, big, paint);
        }

        using var footer = new SKFont(Bold.Value, 32);
        paint.Color = SKColors.White.WithAlpha(220);
        canvas.DrawText(site.Value.Name, Margin, Height - 72, SKTextAlign.Left, footer, paint);
        canvas.Flush();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Words laid into lines no wider than the card allows; a word longer than a line stands alone.</summary>
    private static List<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
