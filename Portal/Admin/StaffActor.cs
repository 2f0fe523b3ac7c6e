using System.Security.Claims;

namespace Portal.Admin;

/// <summary>Who did something in the staff area, as revisions and the audit log record it.</summary>
public sealed record StaffActor(string? UserId, string Name)
{
    /// <summary>The first Admin is made on the server's command line, where nobody is signed in.</summary>
    public static readonly StaffActor CommandLine = new(null, "baris perintah server");

    public static StaffActor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "(tanpa nama)");
}
