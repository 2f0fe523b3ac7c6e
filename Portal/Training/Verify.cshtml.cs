namespace Portal.Training;

/// <summary>
/// What a proof's QR code opens, for anyone (the office's desk, an employer): that the number
/// exists, for which batch, and its status. Nothing that names or identifies the person. Not
/// page-cached, since a status change does not clear the cache.
/// </summary>
public class VerifyModel(PortalDbContext db) : PageModel
{
    public string RegistrationNumber { get; private set; } = string.Empty;

    public Batch Batch { get; private set; } = null!;

    public ApplicationStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var normalized = RegistrationNumbers.Normalize(number);
        var application = normalized is null ? null : await db.Applications.AsNoTracking()
            .Include(a => a.Batch).ThenInclude(b => b!.Programme)
            .SingleOrDefaultAsync(a => a.RegistrationNumber == normalized, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        RegistrationNumber = application.RegistrationNumber!;
        Status = application.Status;
        Batch = application.Batch!;
        return Page();
    }
}
