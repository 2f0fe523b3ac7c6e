using Portal.News;

namespace Portal.Admin.News;

/// <summary>/admin/berita/{id}/revisi: earlier versions of an article's text; one can be shown and restored.</summary>
public class RevisionsModel(ArticleEditor editor, PortalDbContext db) : PageModel
{
    public Article Article { get; private set; } = null!;

    public List<ArticleRevision> Revisions { get; private set; } = [];

    public ArticleRevision? Selected { get; private set; }

    [FromQuery(Name = "revisi")]
    public int? SelectedNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        Revisions = await editor.RevisionsAsync(id, cancellationToken);
        Selected = SelectedNumber is { } number ? Revisions.FirstOrDefault(r => r.Number == number) : Revisions.FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revisionId, int version, CancellationToken cancellationToken)
    {
        var result = await editor.RestoreAsync(id, revisionId, version, StaffActor.From(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Conflict is { } conflict)
        {
            TempData.SetStatus($"Revisi tidak dipulihkan: berita ini baru saja diubah oleh {conflict.SavedBy}. Periksa versi terbaru lalu coba lagi.", isError: true);
            return RedirectToPage(new { id });
        }

        if (!result.Succeeded)
        {
            TempData.SetStatus(result.Summary, isError: true);
            return RedirectToPage(new { id });
        }

        TempData.SetStatus("Revisi dipulihkan sebagai versi terbaru. Status penerbitan tidak berubah.");
        return RedirectToPage("/Admin/News/Edit", new { id });
    }
}
