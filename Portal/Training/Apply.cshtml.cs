using Microsoft.AspNetCore.Identity;
using Portal.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Training;

/// <summary>Applying to one batch (signed in: see TrainingServices). The rules live in ApplicationService.</summary>
[EnableRateLimiting(RateLimits.Apply)]
public class ApplyModel(PortalDbContext db, ApplicationService applications, UserManager<PortalUser> users, TimeProvider clock) : PageModel
{
    public Batch Batch { get; private set; } = null!;

    public BatchView View { get; private set; } = null!;

    public ApplyCheck Check { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, id, cancellationToken))
        {
            return NotFound();
        }

        Check = await applications.CheckAsync(users.GetUserId(User)!, Batch, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, id, cancellationToken))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        var result = await applications.SubmitAsync(userId, Batch, new ApplicationForm(Input.Motivation, Input.Consent, Input.GuardianConsent), cancellationToken);
        if (result.Succeeded)
        {
            TempData.SetStatus($"Pendaftaran Anda untuk {Batch.Programme!.Title}, {Batch.Name}, sudah terkirim dengan status Diajukan. Kami juga mengirim konfirmasi ke email Anda.");
            return RedirectToPage("/Accounts/Applications");
        }

        // Read the batch again: its count of applications may have changed while this one was refused.
        await LoadAsync(slug, id, cancellationToken);
        Check = await applications.CheckAsync(userId, Batch, cancellationToken);
        ModelState.AddErrors(result.Errors.Where(e => e.Field is not null || !Check.Problems.Contains(e.Message)));
        return Page();
    }

    /// <summary>The batch must belong to the programme in the address; a mismatched pair is a 404, not a redirect.</summary>
    private async Task<bool> LoadAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme)
            .SingleOrDefaultAsync(b => b.Id == id && b.Programme!.Slug == slug, cancellationToken);
        if (batch is null)
        {
            return false;
        }

        Batch = batch;
        View = BatchView.Create(batch, batch.Programme!, Wib.UtcNow(clock)) with { OfferApply = false };
        return true;
    }

    public sealed class InputModel
    {
        [Display(Name = "Motivasi (tidak wajib)")]
        public string? Motivation { get; set; }

        public bool Consent { get; set; }

        public bool GuardianConsent { get; set; }
    }
}
