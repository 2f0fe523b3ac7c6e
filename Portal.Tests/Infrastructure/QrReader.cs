using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads a QR code as a phone's camera would: from the image's pixels, with a decoder that is not the one that drew it.</summary>
public static class QrReader
{
    /// <summary>The text of the QR code in a "data:image/png;base64,…" address.</summary>
    public static string DecodeDataUri(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri, StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(Convert.FromBase64String(dataUri[prefix.Length..]));
        using var bitmap = decoded.Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.True(result is not null, "The image holds no readable QR code.");
        return result.Text;
    }
}
