using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Shared;

/// <summary>Slugs are the stable, shareable part of public addresses (/berita/{slug}).</summary>
public static partial class Slugs
{
    public const int MaxLength = 120;

    /// <summary>Lower-case ASCII letters and digits in words joined by single hyphens.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && ValidSlug().IsMatch(slug);

    /// <summary>Makes a slug from any text: accents folded, everything else a separator.</summary>
    public static string FromText(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(lower);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var slug = builder.ToString();
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidSlug();
}
