namespace Portal.Shared;

/// <summary>
/// WhatsApp's click-to-chat addresses (wa.me), built in one place: a message to share, which
/// opens in a chat the person picks, and a chat with one number. No API and nothing sent by the
/// portal; WhatsApp opens on the phone or on WhatsApp Web.
/// </summary>
public static class WhatsAppLinks
{
    private const string Base = "https://wa.me/";

    /// <summary>A message the person sends to a chat of their choosing.</summary>
    public static string Share(string text) => $"{Base}?text={Uri.EscapeDataString(text)}";

    /// <summary>A chat with a number given as international digits (6281…, no "+"), opened with <paramref name="message"/> when there is one.</summary>
    public static string Chat(string internationalDigits, string? message = null) =>
        string.IsNullOrEmpty(message) ? Base + internationalDigits : $"{Base}{internationalDigits}?text={Uri.EscapeDataString(message)}";
}
