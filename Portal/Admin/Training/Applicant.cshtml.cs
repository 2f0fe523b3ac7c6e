using Portal.Accounts;
using Portal.Training;

namespace Portal.Admin.Training;

public sealed class StatusForm
{
    [Display(Name = "Status baru")]
    public ApplicationStatus? To { get; set; }

    [Display(Name = "Catatan untuk pendaftar (opsional)")]
    [StringLength(Application.NoteMaxLength, ErrorMessage = "Catatan paling banyak {1} karakter.")]
    public string? Note { get; set; }
}

/// <summary>
/// /admin/pelatihan/pendaftar/{id}: one application as the operator needs it — the whole profile
/// (the NIK masked; the CSV export carries it in full for checking with Dukcapil), the status
/// history with who made each change, and the form to change the status.
/// </summary>
public class ApplicantModel(PortalDbContext db, ApplicantDesk desk) : PageModel
{
    public Application Application { get; private set; } = null!;

    public JobSeekerProfile? Profile { get; private set; }

    public string? Email { get; private set; }

    /// <summary>Other profiles with this applicant's NIK (name and email), for the operator's check; empty when there are none.</summary>
    public List<(string FullName, string? Email)> SameNik { get; private set; } = [];

    /// <summary>Who made each change in the history, by account id ("Pendaftar" for the applicant).</summary>
    public Dictionary<string, string> ChangedBy { get; private set; } = [];

    [BindProperty]
    public StatusForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Input.To is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.To)}", "Pilih status baru.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await desk.ChangeStatusAsync(Application.BatchId, [id], Input.To!.Value, Input.Note, StaffActor.From(User), cancellationToken);
        if (outcome.Changed == 1)
        {
            TempData.SetStatus(ApplicantDesk.Summary(outcome, Input.To.Value));
        }
        else
        {
            TempData.SetStatus(string.Join(" ", outcome.Skipped), isError: true);
        }

        return RedirectToPage(new { id });
    }

    /// <summary>The operator has compared the NIK with the KTP: the profile's hold ends.</summary>
    public async Task<IActionResult> OnPostNikCheckedAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Application.UserId is { } userId && await desk.ClearNikReviewAsync(userId, StaffActor.From(User), cancellationToken))
        {
            TempData.SetStatus("NIK pendaftar ditandai sudah diperiksa.");
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .Include(a => a.Batch!).ThenInclude(b => b.Programme)
            .Include(a => a.History)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return false;
        }

        Application = application;
        if (application.UserId is { } userId)
        {
            Profile = await db.JobSeekerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
            Email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            if (Profile is { } profile)
            {
                SameNik = (await (
                    from p in db.JobSeekerProfiles.AsNoTracking()
                    join u in db.Users on p.UserId equals u.Id
                    where p.Nik == profile.Nik && p.UserId != userId
                    orderby p.FullName
                    select new { p.FullName, u.Email }).ToListAsync(cancellationToken))
                    .Select(o => (o.FullName, (string?)o.Email)).ToList();
            }
        }

        var byIds = application.History.Select(h => h.ByUserId).OfType<string>().Distinct().ToList();
        ChangedBy = await db.Users.Where(u => byIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        if (application.UserId is { } applicant)
        {
            ChangedBy[applicant] = "Pendaftar";
        }

        return true;
    }
}
