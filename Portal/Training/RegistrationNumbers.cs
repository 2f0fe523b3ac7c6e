using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Portal.Training;

/// <summary>
/// Registration numbers ("PLT-2026-483920": the year of applying in WIB and six digits). They
/// are printed on the proof, encoded in its QR code, and listed on the public results page, so
/// one person's number must tell nothing about another's: the six digits are drawn at random
/// (a cryptographic generator), not counted. A keyed permutation of the database id would also
/// be unique without a retry, but it needs a secret that outlives every restore and key
/// rotation, and losing it would make new numbers collide with old ones; a random draw checked
/// against the unique index needs nothing. A year holds a million numbers; at the office's few
/// thousand applications a year a draw almost never repeats, and when it does it is drawn again.
/// </summary>
public static partial class RegistrationNumbers
{
    public const string Prefix = "PLT";

    public const int MaxLength = 15;

    private const int Space = 1_000_000;

    /// <summary>Draws before giving up: reached only when a year's numbers are nearly all taken.</summary>
    private const int MaxDraws = 50;

    public static string Format(int year, int serial) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year:0000}-{serial:000000}");

    /// <summary>The number as typed or scanned, in its stored form; null when it is not one (the page answers 404).</summary>
    public static string? Normalize(string? text)
    {
        var candidate = text?.Trim().ToUpperInvariant();
        return candidate is not null && Shape().IsMatch(candidate) ? candidate : null;
    }

    /// <summary>A number no application holds yet, for an application made in <paramref name="year"/> (WIB).</summary>
    public static async Task<string> NewAsync(PortalDbContext db, int year, CancellationToken cancellationToken)
    {
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var number = Format(year, RandomNumberGenerator.GetInt32(Space));
            if (!await db.Applications.AnyAsync(a => a.RegistrationNumber == number, cancellationToken))
            {
                return number;
            }
        }

        throw new InvalidOperationException($"No free registration number found for {year} after {MaxDraws} draws.");
    }

    [GeneratedRegex(@"^PLT-\d{4}-\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
