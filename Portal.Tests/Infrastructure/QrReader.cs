using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads a QR code as a phone's camera would: from the image's pixels, with a decoder that is not the one that drew it.</summary>
public static class QrReader
{
    /// <summary>
    /// The turns a phone may be held at. ZXing's finder-pattern search misses about one valid code
    /// in 700 held upright (the same image, checked with zbarimg, reads at once), and finds it
    /// turned: a camera that sees the code from another angle reads it, so the test does too.
    /// </summary>
    private static readonly int[] Turns = [0, 90, 180, 270];

    /// <summary>The text of the QR code in a "data:image/png;base64,…" address.</summary>
    public static string DecodeDataUri(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri, StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(Convert.FromBase64String(dataUri[prefix.Length..]));
        var text = Turns.Select(degrees => Decode(decoded, degrees)).FirstOrDefault(found => found is not null);
        Assert.True(text is not null, "The image holds no readable QR code.");
        return text;
    }

    private static string? Decode(SKBitmap image, int degrees)
    {
        var turnedSideways = degrees % 180 != 0;
        var info = new SKImageInfo(turnedSideways ? image.Height : image.Width, turnedSideways ? image.Width : image.Height, SKColorType.Bgra8888);
        using var turned = new SKBitmap(info);
        using (var canvas = new SKCanvas(turned))
        {
            canvas.Clear(SKColors.White);
            canvas.Translate(info.Width / 2f, info.Height / 2f);
            canvas.RotateDegrees(degrees);
            using var source = SKImage.FromBitmap(image);
            canvas.DrawImage(source, -image.Width / 2f, -image.Height / 2f, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        var luminance = new RGBLuminanceSource(turned.Bytes, turned.Width, turned.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(luminance)))?.Text;
    }
}
