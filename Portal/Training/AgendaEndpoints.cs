using Portal.Caching;

namespace Portal.Training;

/// <summary>/agenda.ics (every batch) and /agenda/{programme}/{batch}.ics (one batch), beside the /agenda page.</summary>
public static class AgendaEndpoints
{
    public const string FeedPath = "/agenda.ics";
    public const string BatchCalendarRouteName = "BatchCalendar";

    public static IEndpointRouteBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        app.MapGet(FeedPath, FeedAsync).WithMetadata(new CachedPageAttribute());
        app.MapGet("/agenda/{slug}/{key}.ics", BatchAsync).WithName(BatchCalendarRouteName).WithMetadata(new CachedPageAttribute());
        app.MapGet(ProgrammeCards.RoutePattern, ProgrammeCards.ServeAsync).WithName(ProgrammeCards.RouteName);
        return app;
    }

    /// <summary>The batches /agenda shows: every real one (demo batches exist only in Development), in order of opening.</summary>
    public static IQueryable<Batch> Listed(PortalDbContext db) =>
        db.Batches.AsNoTracking().Include(b => b.Programme).Where(b => !b.IsDemo)
            .OrderBy(b => b.RegistrationOpensAtUtc).ThenBy(b => b.Id);

    private static async Task<IResult> FeedAsync(PortalDbContext db, BatchCalendar calendar, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        var batches = await Listed(db).ToListAsync(cancellationToken);
        return Results.Text(calendar.Write(batches, $"Agenda {site.Value.Name}"), BatchCalendar.ContentType);
    }

    /// <summary>A batch by its programme and key; an unknown or deleted batch, or a key under another programme, is the 404 page.</summary>
    private static async Task<IResult> BatchAsync(string slug, string key, TrainingQueries training, BatchCalendar calendar, CancellationToken cancellationToken)
    {
        var batch = await training.BatchAtAsync(slug, key, cancellationToken);
        return batch is null
            ? Results.NotFound()
            : Results.Text(calendar.Write([batch], $"{batch.Programme!.Title}, {batch.Name}"), BatchCalendar.ContentType);
    }
}
