using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// Announcing a batch's selection results (the rule is in <see cref="ResultsAnnouncement"/>): what
/// the public page will list, and the button, which the batch page also shows.
/// </summary>
public class AnnounceResultsModel(PortalDbContext db, SelectionResults results, ResultsAnnouncement announcement) : PageModel
{
    public Batch Batch { get; private set; } = null!;

    public List<ResultLine> Lines { get; private set; } = [];

    public int Undecided { get; private set; }

    public bool ShowsNames => results.ShowsNames;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        Batch = batch;
        Lines = await results.LinesAsync(id, cancellationToken);
        Undecided = await results.UndecidedCountAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await announcement.PublishAsync(id, StaffActor.From(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData.SetStatus("Hasil seleksi sudah diumumkan. Setiap pendaftar yang tercantum dikirimi email.");
        }
        else
        {
            TempData.SetStatus(result.Summary, isError: true);
        }

        return RedirectToPage(new { id });
    }

    public int Count(SelectionOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}
