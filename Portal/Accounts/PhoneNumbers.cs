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
