using Microsoft.AspNetCore.Identity;
using Portal.Training;

namespace Portal.Accounts;

/// <summary>
/// The printable proof of one of the signed-in person's applications, by its registration number.
/// Someone else's number, or one that does not exist, is a 404: the answer tells nothing.
/// </summary>
public class ProofModel(PortalDbContext db, UserManager<PortalUser> users, SiteLinks links) : PageModel
{
    public Application Application { get; private set; } = null!;

    public Batch Batch => Application.Batch!;

    public JobSeekerProfile? Profile { get; private set; }

    /// <summary>The absolute address the QR code holds, printed beside it for those who type it.</summary>
    public string VerificationUrl { get; private set; } = string.Empty;

    public string QrCode { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var normalized = RegistrationNumbers.Normalize(number);
        var application = normalized is null ? null : await db.Applications.AsNoTracking()
            .Include(a => a.Batch).ThenInclude(b => b!.Programme)
            .SingleOrDefaultAsync(a => a.RegistrationNumber == normalized && a.UserId == userId, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        Application = application;
        Profile = await db.JobSeekerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        VerificationUrl = links.Absolute(links.Verification(application.RegistrationNumber!));
        QrCode = QrCodes.PngDataUri(VerificationUrl);
        return Page();
    }
}
