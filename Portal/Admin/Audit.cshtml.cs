namespace Portal.Admin;

/// <summary>/admin/audit: the audit trail, newest first, for Admins only (see <see cref="StaffPolicies"/>).</summary>
public class AuditModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = Pager.Parameter)]
    public string? PageText { get; set; }

    public List<AuditEntry> Entries { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var total = await db.AuditEntries.CountAsync(cancellationToken);
        Pager = new Pager(Pager.ParsePage(PageText), PageSize, total, page => Url.Page("/Admin/Audit", new RouteValueDictionary { [Pager.Parameter] = page > 1 ? page : null })!);
        Entries = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(Pager.Skip).Take(PageSize)
            .ToListAsync(cancellationToken);
    }
}
