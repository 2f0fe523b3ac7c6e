using Microsoft.AspNetCore.Authorization;
using Portal.News;
using Portal.Training;

namespace Portal.Admin;

/// <summary>The staff home: what each role can open, with a few counts that tell where work waits.</summary>
public class IndexModel(PortalDbContext db, IAuthorizationService authorization, TrainingDashboard dashboard, TimeProvider clock) : PageModel
{
    public bool CanNews { get; private set; }

    public bool CanTraining { get; private set; }

    public bool CanAdminister { get; private set; }

    public int Drafts { get; private set; }

    public int Scheduled { get; private set; }

    public int OpenBatches { get; private set; }

    public int UpcomingBatches { get; private set; }

    /// <summary>The operators' figures per programme and batch (empty for other roles).</summary>
    public List<ProgrammeFigures> Figures { get; private set; } = [];

    /// <summary>Profiles waiting for an operator's NIK check (empty for other roles).</summary>
    public List<HeldProfile> HeldForNikCheck { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        CanNews = (await authorization.AuthorizeAsync(User, StaffPolicies.News)).Succeeded;
        CanTraining = (await authorization.AuthorizeAsync(User, StaffPolicies.Training)).Succeeded;
        CanAdminister = (await authorization.AuthorizeAsync(User, StaffPolicies.Administration)).Succeeded;
        if (CanNews)
        {
            Drafts = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Draft, cancellationToken);
            Scheduled = await db.Articles.CountAsync(Article.ScheduledAt(now), cancellationToken);
        }

        if (CanTraining)
        {
            OpenBatches = await db.Batches.CountAsync(Batch.OpenAt(now), cancellationToken);
            UpcomingBatches = await db.Batches.CountAsync(Batch.UpcomingAt(now), cancellationToken);
            Figures = await dashboard.LoadAsync(cancellationToken);
            HeldForNikCheck = await dashboard.HeldForNikCheckAsync(cancellationToken);
        }
    }
}
