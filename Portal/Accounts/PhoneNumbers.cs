namespace Portal.Accounts;

/// <summary>
/// Indonesian mobile numbers as people write them — 0812-3456-7890, +62 812 3456 7890, 62812… —
/// stored in one form, "+62812…", so that the same number is always the same text.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>Digits after "+628": Indonesian mobile numbers have 8 to 11 of them.</summary>
    private const int MinSubscriberDigits = 8;
    private const int MaxSubscriberDigits = 11;

    /// <summary>Digits after "+62" of any number, area code included: (0254) 123456 has 9, a mobile up to 12.</summary>
    private const int MinLandlineDigits = 7;
    private const int MaxLandlineDigits = 12;

    public const string FormatMessage = "Nomor HP tidak valid. Tulis nomor seluler Indonesia, misalnya 0812-3456-7890 atau +62 812-3456-7890.";

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = string.Empty;
        var text = new string((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '.' and not '(' and not ')').ToArray());
        string national;
        if (text.StartsWith("+62", StringComparison.Ordinal))
        {
            national = text[3..];
        }
        else if (text.StartsWith("62", StringComparison.Ordinal))
        {
            national = text[2..];
        }
        else if (text.StartsWith('0'))
        {
            national = text[1..];
        }
        else
        {
            return false;
        }

        if (!national.StartsWith('8') || !national.All(char.IsAsciiDigit)
            || national.Length - 1 is < MinSubscriberDigits or > MaxSubscriberDigits)
        {
            return false;
        }

        normalized = "+62" + national;
        return true;
    }

    /// <summary>
    /// WhatsApp's click-to-chat address for a mobile number (https://wa.me/62812…, the country code
    /// without "+"), with the message the chat opens with; null when the number is not one
    /// <see cref="TryNormalize"/> accepts, so that no link leads to a stranger's chat.
    /// </summary>
    public static string? WhatsAppChat(string? number, string? message = null)
    {
        if (!TryNormalize(number, out var normalized))
        {
            return null;
        }

        return WhatsAppLinks.Chat(normalized[1..], message);
    }

    /// <summary>
    /// A tel: address for any Indonesian number, landlines included ("(0254) 123456" is
    /// tel:+62254123456), so that a phone dials it from abroad or from a foreign SIM too; null for
    /// text that holds anything but digits, spaces and the usual separators.
    /// </summary>
    public static string? TelephoneUri(string? number)
    {
        var text = (number ?? string.Empty).Trim();
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+'))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var national = text.StartsWith('+') ? (digits.StartsWith("62", StringComparison.Ordinal) ? digits[2..] : null)
            : digits.StartsWith('0') ? digits[1..]
            : null;
        return national is { Length: >= MinLandlineDigits and <= MaxLandlineDigits } && national[0] != '0' ? "tel:+62" + national : null;
    }

    /// <summary>"0812-3456-7890", the way people read their own number.</summary>
    public static string Display(string normalized)
    {
        if (!normalized.StartsWith("+62", StringComparison.Ordinal))
        {
            return normalized;
        }

        var local = "0" + normalized[3..];
        return local.Length <= 8 ? local : $"{local[..4]}-{local[4..8]}-{local[8..]}";
    }
}
