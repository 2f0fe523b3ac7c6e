using Portal.Search;

namespace Portal.Admin;

/// <summary>
/// Admins: where each node's search index stands, and the request that every node rebuild its own
/// index from the database (after a restore, or when results look wrong). The request is a row in
/// the change log that all nodes follow, so it reaches every node, not only the one that served this page.
/// </summary>
public class SearchIndexModel(PortalDbContext db, SearchFollowers followers, AuditLog audit, TimeProvider clock) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public List<SearchFollower> Nodes { get; private set; } = [];

    public long NewestChange { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Nodes = await followers.AllAsync(cancellationToken);
        NewestChange = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        audit.Record(StaffActor.From(User), AuditAction.SearchRebuildRequested, "indeks pencarian");
        await SearchRebuildRequest.AddAsync(db, clock, cancellationToken);
        Message = "Indeks pencarian akan dibangun ulang di setiap node. Selama itu pencarian meminta pengunjung mencoba lagi sebentar.";
        return RedirectToPage();
    }
}
