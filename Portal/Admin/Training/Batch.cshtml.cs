using Portal.Admin.Statistics;
using Portal.Content;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// Creates a batch (BatchCreate.cshtml) or edits one (Batch.cshtml); the form is
/// _BatchEditor.cshtml. Registration times are typed in WIB.
/// </summary>
public class BatchModel(TrainingEditor editor, PortalDbContext db, ApplicationFunnel funnel) : PageModel
{
    [BindProperty]
    public BatchForm Input { get; set; } = new();

    public int? Id { get; private set; }

    public Programme Programme { get; private set; } = null!;

    public bool FromContentFile { get; private set; }

    /// <summary>The batch being edited, with its programme; null on the create page.</summary>
    public Batch? Batch { get; private set; }

    /// <summary>The batch's funnel, on the edit page only.</summary>
    public BatchFunnel? Funnel { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? programmeId, CancellationToken cancellationToken)
    {
        var batch = await LoadAsync(id, programmeId, cancellationToken);
        if (batch is null && (id is not null || Programme is null))
        {
            return NotFound();
        }

        if (batch is not null)
        {
            Batch = batch;
            Input = BatchForm.From(batch);
            Funnel = await funnel.ForBatchAsync(batch.Id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? programmeId, CancellationToken cancellationToken)
    {
        var batch = await LoadAsync(id, programmeId, cancellationToken);
        if (batch is null && (id is not null || Programme is null))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await editor.SaveBatchAsync(id, Programme.Id, Input, StaffActor.From(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus(id is null ? "Gelombang dibuat." : "Perubahan gelombang disimpan.");
        return RedirectToPage("/Admin/Training/Index");
    }

    /// <summary>The batch being edited (null for a new one), with <see cref="Programme"/> set when found.</summary>
    private async Task<Batch?> LoadAsync(int? id, int? programmeId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (batch is not null)
            {
                Programme = batch.Programme!;
                FromContentFile = batch.Origin == ContentOrigin.ContentFile;
            }

            return batch;
        }

        Programme = (await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken))!;
        return null;
    }
}
