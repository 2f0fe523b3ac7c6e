using QRCoder;

namespace Portal.Shared;

/// <summary>
/// QR codes as PNG in data: addresses. The Content-Security-Policy allows images from data: (and
/// no inline styles, which an SVG's attributes would need), and the image comes with the page,
/// so a proof printed or saved offline keeps it. Level M survives a crease or a smudge on paper.
/// </summary>
public static class QrCodes
{
    /// <summary>Pixels per module: about 3 cm for an address of 60 characters, scanned easily from paper or a screen.</summary>
    private const int ModulePixels = 5;

    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(ModulePixels);
    }

    public static string PngDataUri(string text) => "data:image/png;base64," + Convert.ToBase64String(Png(text));
}
