using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Training;

/// <summary>
/// What a proof's QR code opens, for anyone (the office's desk, an employer): that the number
/// exists, for which batch, and its status. Nothing that names or identifies the person. Not
/// page-cached, since a status change does not clear the cache. An application whose account was
/// deleted is no longer anyone's registration: it answers as an unknown number. Limited like a
/// search, so a script cannot walk the numbers of a year.
/// </summary>
[EnableRateLimiting(RateLimits.Search)]
public class VerifyModel(PortalDbContext db) : PageModel
{
    /// <summary>At most this much of a number that is not one is repeated back on the page.</summary>
    private const int ShownLength = 40;

    /// <summary>The number as asked for (from the QR address or the form), for the answer's wording.</summary>
    public string? AskedNumber { get; private set; }

    public string RegistrationNumber { get; private set; } = string.Empty;

    public Batch? Batch { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return Page();
        }

        AskedNumber = number.Trim() is { Length: > ShownLength } longer ? longer[..ShownLength] + "…" : number.Trim();
        var normalized = RegistrationNumbers.Normalize(number);
        var application = normalized is null ? null : await db.Applications.AsNoTracking()
            .Include(a => a.Batch).ThenInclude(b => b!.Programme)
            .SingleOrDefaultAsync(a => a.RegistrationNumber == normalized && a.UserId != null, cancellationToken);
        if (application is null)
        {
            // The page itself, not the generic 404 page: whoever scanned a proof needs to know it is not valid.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        RegistrationNumber = application.RegistrationNumber!;
        Status = application.Status;
        Batch = application.Batch!;
        return Page();
    }
}
