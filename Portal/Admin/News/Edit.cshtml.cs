using System.Text.Encodings.Web;
using Portal.News;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Admin.News;

/// <summary>
/// Writes a new article (Create.cshtml, /admin/berita/baru) or edits one (Edit.cshtml,
/// /admin/berita/{id}); both pages show the form in _ArticleEditor.cshtml. Every button
/// saves the whole form and then does what it says; "Pratinjau" saves nothing and shows the
/// body as the public page will, through the same renderer, which also answers the editor
/// widget's live preview.
/// </summary>
[EnableRateLimiting(RateLimits.Upload)]
public class EditModel(ArticleEditor editor, CoverImages covers, MarkdownRenderer markdown, PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ArticleForm Input { get; set; } = new();

    /// <summary>A new cover image, if one was chosen.</summary>
    [BindProperty]
    public IFormFile? Cover { get; set; }

    public int? Id { get; private set; }

    public ArticleState? State { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public string? Slug { get; private set; }

    public string? PreviewHtml { get; private set; }

    public ArticleConflict? Conflict { get; private set; }

    public List<(int Id, string Title)> Programmes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (id is not null)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Topics).SingleAsync(a => a.Id == id, cancellationToken);
            Input = ArticleForm.From(article);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken) => SubmitAsync(id, ArticleAction.Save, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int? id, CancellationToken cancellationToken) => SubmitAsync(id, ArticleAction.PublishNow, cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(int? id, CancellationToken cancellationToken) => SubmitAsync(id, ArticleAction.Schedule, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int? id, CancellationToken cancellationToken) => SubmitAsync(id, ArticleAction.Unpublish, cancellationToken);

    public Task<IActionResult> OnPostArchiveAsync(int? id, CancellationToken cancellationToken) => SubmitAsync(id, ArticleAction.Archive, cancellationToken);

    /// <summary>The preview without JavaScript: the page again, the form as typed, the body rendered above it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await TakeCoverAsync(cancellationToken);
        var rendered = markdown.Render(Input.Body ?? string.Empty);
        if (rendered.Succeeded)
        {
            PreviewHtml = rendered.Rendered.Html;
        }
        else
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ArticleForm.Body)}", rendered.Problem);
        }

        return Page();
    }

    /// <summary>
    /// The editor widget's live preview: sanitized HTML of the body, nothing saved. A text that
    /// cannot be rendered answers why, in the preview pane, as the widget shows any answer.
    /// </summary>
    public IActionResult OnPostRenderPreview([FromForm(Name = "markdown")] string? body)
    {
        var rendered = markdown.Render(body ?? string.Empty);
        var html = rendered.Succeeded
            ? rendered.Rendered.Html
            : $"<p class=\"alert alert-danger\" role=\"alert\">{HtmlEncoder.Default.Encode(rendered.Problem)}</p>";
        return Content(html, "text/html; charset=utf-8");
    }

    private async Task<IActionResult> SubmitAsync(int? id, ArticleAction action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await TakeCoverAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await editor.SaveAsync(id, Input, action, StaffActor.From(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Conflict is { } conflict)
        {
            // The editor's text stays in the form; saving again is now a choice made knowing the other version.
            Conflict = conflict;
            Input.Version = conflict.Version;
            ModelState.Remove($"{nameof(Input)}.{nameof(ArticleForm.Version)}");
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus(action switch
        {
            ArticleAction.PublishNow => "Berita diterbitkan dan sudah tampil di portal.",
            ArticleAction.Schedule => $"Berita dijadwalkan terbit {Wib.LongDateTime(Wib.ToUtc(Input.PublishAtWib!.Value))}.",
            ArticleAction.Unpublish => "Penerbitan dibatalkan. Berita kini berstatus draf dan tidak tampil di portal.",
            ArticleAction.Archive => "Berita diarsipkan dan tidak lagi tampil di portal.",
            _ => "Perubahan disimpan.",
        });
        return RedirectToPage("/Admin/News/Edit", new { id = result.Value });
    }

    /// <summary>
    /// A chosen cover is checked and stored at once, and its address kept in the form, so that it
    /// survives a form shown again for another field's error. A refused file is said beside the
    /// file field; the rest of the form stays as typed.
    /// </summary>
    private async Task TakeCoverAsync(CancellationToken cancellationToken)
    {
        if (Cover is null)
        {
            return;
        }

        await using var stream = Cover.OpenReadStream();
        var stored = await covers.StoreAsync(stream, cancellationToken);
        if (!stored.Succeeded)
        {
            ModelState.AddModelError(nameof(Cover), stored.Summary);
            return;
        }

        Input.CoverImagePath = stored.Value;
        Input.RemoveCover = false;
        ModelState.Remove($"{nameof(Input)}.{nameof(ArticleForm.CoverImagePath)}");
        ModelState.Remove($"{nameof(Input)}.{nameof(ArticleForm.RemoveCover)}");
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Programmes = (await db.Programmes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
                .Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Title)).ToList();
        if (id is null)
        {
            return true;
        }

        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new { a.Slug, a.Status, a.PublishedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }

        Slug = article.Slug;
        PublishedAtUtc = article.PublishedAtUtc;
        State = Article.StateOf(article.Status, article.PublishedAtUtc, Wib.UtcNow(clock));
        return true;
    }
}
