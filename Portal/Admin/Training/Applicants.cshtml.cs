using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>The bulk status form under the applicant table: the ticked applications, the new status, a note.</summary>
public sealed class BulkStatusForm
{
    public List<int> Ids { get; set; } = [];

    [Display(Name = "Ubah status yang dipilih menjadi")]
    public ApplicationStatus? To { get; set; }

    [Display(Name = "Catatan untuk pendaftar (opsional)")]
    [StringLength(Application.NoteMaxLength, ErrorMessage = "Catatan paling banyak {1} karakter.")]
    public string? Note { get; set; }
}

/// <summary>
/// /admin/pelatihan/gelombang/{id}/pendaftar: one batch's applicants with filters and sorting in
/// the query string (works without JavaScript), and the bulk status change (Post/Redirect/Get).
/// </summary>
public class ApplicantsModel(PortalDbContext db, ApplicantDesk desk) : PageModel
{
    public const string SkippedKey = "Staff.Skipped";

    public Batch Batch { get; private set; } = null!;

    public ApplicantFilter Filter { get; private set; } = new();

    public List<ApplicantRow> Rows { get; private set; } = [];

    [BindProperty]
    public BulkStatusForm Input { get; set; } = new();

    /// <summary>Who the last change skipped and why, one per line.</summary>
    public IReadOnlyList<string> Skipped { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, ApplicantFilter filter, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, filter, cancellationToken))
        {
            return NotFound();
        }

        Skipped = (TempData[SkippedKey] as string)?.Split('\n') ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, ApplicantFilter filter, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, filter, cancellationToken))
        {
            return NotFound();
        }

        if (Input.Ids.Count == 0)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Ids)}", "Pilih minimal satu pendaftar pada tabel.");
        }

        if (Input.To is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.To)}", "Pilih status tujuan.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await desk.ChangeStatusAsync(id, Input.Ids, Input.To!.Value, Input.Note, StaffActor.From(User), cancellationToken);
        TempData.SetStatus(ApplicantDesk.Summary(outcome, Input.To.Value));
        if (outcome.Skipped.Count > 0)
        {
            TempData[SkippedKey] = string.Join('\n', outcome.Skipped);
        }

        return RedirectToPage(filter.RouteValues(id));
    }

    private async Task<bool> LoadAsync(int id, ApplicantFilter filter, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return false;
        }

        Batch = batch;
        Filter = filter;
        Rows = await desk.ListAsync(id, filter, cancellationToken);
        return true;
    }
}
