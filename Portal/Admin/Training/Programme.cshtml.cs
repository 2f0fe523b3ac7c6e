using Portal.Content;

namespace Portal.Admin.Training;

/// <summary>Creates a programme (ProgrammeCreate.cshtml) or edits one (Programme.cshtml); the form is _ProgrammeEditor.cshtml.</summary>
public class ProgrammeModel(TrainingEditor editor, PortalDbContext db) : PageModel
{
    [BindProperty]
    public ProgrammeForm Input { get; set; } = new();

    public int? Id { get; private set; }

    public bool FromContentFile { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            return Page();
        }

        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }

        Input = ProgrammeForm.From(programme);
        FromContentFile = programme.Origin == ContentOrigin.ContentFile;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await editor.SaveProgrammeAsync(id, Input, StaffActor.From(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus(id is null ? "Program dibuat." : "Perubahan program disimpan.");
        return RedirectToPage("/Admin/Training/Index");
    }
}
