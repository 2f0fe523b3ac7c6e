using Microsoft.AspNetCore.Identity;
using Portal.Training;

namespace Portal.Accounts;

/// <summary>My applications with their status history; withdrawing is allowed before a decision.</summary>
public class ApplicationsModel(PortalDbContext db, ApplicationService applications, UserManager<PortalUser> users) : PageModel
{
    public List<Application> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Applications = await db.Applications.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Include(a => a.Batch).ThenInclude(b => b!.Programme)
            .Include(a => a.History)
            .AsSplitQuery()
            .OrderByDescending(a => a.CreatedAtUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Someone else's application, or one that does not exist, is a 404: the answer tells nothing.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        var result = await applications.WithdrawAsync(users.GetUserId(User)!, id, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData.SetStatus("Lamaran Anda sudah dibatalkan.");
        }
        else
        {
            TempData.SetStatus(result.Summary, isError: true);
        }

        return RedirectToPage();
    }
}
