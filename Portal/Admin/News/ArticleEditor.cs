using Portal.Content;
using Portal.News;

namespace Portal.Admin.News;

/// <summary>The version someone else saved while the editor was working on theirs.</summary>
public sealed record ArticleConflict(int Version, string Title, string Summary, string Body, string SavedBy, DateTime SavedAtUtc);

/// <summary>
/// Saving an article: accepted with its id, refused with errors beside the fields, or stopped by
/// the version someone else saved meanwhile, which the editor is then shown to compare. An
/// article that is not there (any more) is no result: null, and the page answers 404.
/// </summary>
public sealed class ArticleSaveResult : FormResult<int>
{
    private ArticleSaveResult(int articleId)
        : base(articleId)
    {
    }

    private ArticleSaveResult(IReadOnlyList<FormError> errors, ArticleConflict? conflict)
        : base(errors) => Conflict = conflict;

    public ArticleConflict? Conflict { get; }

    public override bool Succeeded => base.Succeeded && Conflict is null;

    public static ArticleSaveResult Saved(int articleId) => new(articleId);

    public static ArticleSaveResult Invalid(IReadOnlyList<FormError> errors) => new(errors, null);

    public static ArticleSaveResult Conflicted(ArticleConflict conflict) => new([], conflict);
}

/// <summary>
/// Writing and publishing news from the staff area: saves an article with its Markdown rendered
/// once, keeps a revision of every changed text, keeps old public addresses working when a slug
/// changes, records publishing in the audit log, and refuses to overwrite a version someone else
/// saved in the meantime (optimistic concurrency on <see cref="Article.Version"/>).
/// Search follows from the database save (the index listens to SaveChanges), so nothing here
/// touches the index.
/// </summary>
public sealed class ArticleEditor(PortalDbContext db, MarkdownRenderer markdown, CoverImages covers, AuditLog audit, SiteLinks links, TimeProvider clock)
{
    public async Task<ArticleSaveResult?> SaveAsync(int? id, ArticleForm form, ArticleAction action, StaffActor actor, CancellationToken cancellationToken)
    {
        var now = WholeSeconds(Wib.UtcNow(clock));
        Article? article = null;
        if (id is not null)
        {
            article = await db.Articles.Include(a => a.Topics).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (article is null)
            {
                return null;
            }

            if (article.Version != form.Version)
            {
                return ArticleSaveResult.Conflicted(Conflict(article));
            }
        }

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.FromText(form.Title) : form.Slug.Trim();
        var errors = await ValidateAsync(article, form, slug, action, now, cancellationToken);
        var body = markdown.Render(form.Body ?? string.Empty);
        if (!body.Succeeded)
        {
            errors.Add(new(nameof(ArticleForm.Body), body.Problem));
        }

        if (errors.Count > 0 || !body.Succeeded)
        {
            return ArticleSaveResult.Invalid(errors);
        }

        var isNew = article is null;
        if (article is null)
        {
            article = db.Articles.Add(new Article { Slug = slug, Title = form.Title, Summary = form.Summary, Status = ArticleStatus.Draft, PublishedAtUtc = now }).Entity;
        }
        else
        {
            // The check above read the version; this makes the UPDATE itself require it, which
            // closes the gap between that read and this write.
            db.Entry(article).Property(a => a.Version).OriginalValue = form.Version;
            await KeepOriginalAsRevisionAsync(article, cancellationToken);
        }

        var stateBefore = isNew ? (ArticleState?)null : article.StateAt(now);
        var publishedBefore = article.PublishedAtUtc;
        var target = Target(form.Title, slug);
        if (!isNew && article.Slug != slug)
        {
            await MoveSlugAsync(article, slug, actor, now, cancellationToken);
        }

        await ApplyAsync(article, form, body.Rendered, slug, now, actor, cancellationToken);
        ApplyAction(article, form, action, now);
        await AddRevisionAsync(article, actor, now, null, onlyIfChanged: true, cancellationToken);
        RecordPublishing(actor, target, stateBefore, publishedBefore, article, now);
        return await TrySaveAsync(article, slug, cancellationToken);
    }

    /// <summary>Puts an earlier revision's title, summary and body back, as a new revision. Null when either is not there.</summary>
    public async Task<ArticleSaveResult?> RestoreAsync(int id, int revisionId, int version, StaffActor actor, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var revision = await db.ArticleRevisions.SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id, cancellationToken);
        if (article is null || revision is null)
        {
            return null;
        }

        if (article.Version != version)
        {
            return ArticleSaveResult.Conflicted(Conflict(article));
        }

        // Every revision rendered when it was saved; one saved before today's limits may not.
        var body = markdown.Render(revision.BodyMarkdown);
        if (!body.Succeeded)
        {
            return ArticleSaveResult.Invalid([new(null, $"Revisi {revision.Number} tidak dapat dipulihkan: {body.Problem}")]);
        }

        var now = WholeSeconds(Wib.UtcNow(clock));
        db.Entry(article).Property(a => a.Version).OriginalValue = version;
        article.Title = revision.Title;
        article.Summary = revision.Summary;
        article.SetBody(revision.BodyMarkdown, body.Rendered);
        Touch(article, now, actor);
        await AddRevisionAsync(article, actor, now, $"Dipulihkan dari revisi {revision.Number}", onlyIfChanged: false, cancellationToken);
        audit.Record(actor, AuditAction.ArticleRevisionRestored, Target(article.Title, article.Slug), $"Revisi {revision.Number} dari {Wib.LongDateTime(revision.SavedAtUtc)} oleh {revision.SavedBy}");
        return await TrySaveAsync(article, article.Slug, cancellationToken);
    }

    public Task<List<ArticleRevision>> RevisionsAsync(int articleId, CancellationToken cancellationToken) =>
        db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);

    private async Task<List<FormError>> ValidateAsync(Article? article, ArticleForm form, string slug, ArticleAction action, DateTime now, CancellationToken cancellationToken)
    {
        var errors = new List<FormError>();
        if (!Slugs.IsValid(slug))
        {
            errors.Add(new(nameof(ArticleForm.Slug), "Alamat hanya boleh berisi huruf kecil, angka, dan tanda hubung, misalnya pelatihan-barista-dibuka."));
        }
        else if (await SlugTakenAsync(slug, article?.Id, cancellationToken))
        {
            errors.Add(new(nameof(ArticleForm.Slug), "Alamat ini sudah dipakai berita lain (atau pernah dipakai). Pilih alamat lain."));
        }

        if (form.TopicNames().FirstOrDefault(t => t.Length > Topic.NameMaxLength || Slugs.FromText(t).Length == 0) is { } badTopic)
        {
            errors.Add(new(nameof(ArticleForm.Tags), $"Topik \"{badTopic}\" tidak dapat dipakai: setiap topik berisi huruf atau angka, paling panjang {Topic.NameMaxLength} karakter."));
        }

        if (form.ProgrammeId is { } programmeId && !await db.Programmes.AnyAsync(p => p.Id == programmeId, cancellationToken))
        {
            errors.Add(new(nameof(ArticleForm.ProgrammeId), "Program pelatihan tidak ditemukan. Pilih dari daftar."));
        }

        var cover = form.RemoveCover ? null : form.CoverImagePath;
        if (cover is not null && cover != article?.CoverImagePath && !covers.IsStoredUpload(cover))
        {
            errors.Add(new(nameof(ArticleForm.CoverImagePath), "Gambar sampul tidak ditemukan. Unggah gambar kembali."));
        }

        if (cover is not null && string.IsNullOrWhiteSpace(form.CoverImageAlt))
        {
            errors.Add(new(nameof(ArticleForm.CoverImageAlt), "Jelaskan isi gambar sampul dalam satu kalimat, untuk pembaca yang tidak dapat melihat gambar."));
        }

        if (action is ArticleAction.PublishNow or ArticleAction.Schedule && string.IsNullOrWhiteSpace(form.Body))
        {
            errors.Add(new(nameof(ArticleForm.Body), "Isi berita wajib diisi sebelum diterbitkan."));
        }

        if (action == ArticleAction.Schedule)
        {
            if (form.PublishAtWib is null)
            {
                errors.Add(new(nameof(ArticleForm.PublishAtWib), "Isi tanggal dan jam terbit (WIB) untuk menjadwalkan berita."));
            }
            else if (Wib.ToUtc(form.PublishAtWib.Value) <= now)
            {
                errors.Add(new(nameof(ArticleForm.PublishAtWib), "Waktu terbit terjadwal harus setelah saat ini (WIB). Untuk menerbitkan sekarang, pilih \"Terbitkan sekarang\"."));
            }
        }

        return errors;
    }

    /// <summary>A slug is taken by another article's address, or by an old address still redirecting to another article.</summary>
    private async Task<bool> SlugTakenAsync(string slug, int? articleId, CancellationToken cancellationToken) =>
        await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != articleId, cancellationToken)
        || await db.ArticleSlugRedirects.AnyAsync(r => r.OldSlug == slug && r.ArticleId != articleId, cancellationToken);

    private async Task MoveSlugAsync(Article article, string slug, StaffActor actor, DateTime now, CancellationToken cancellationToken)
    {
        // Taking back one of its own old slugs: that address is live again, no longer a redirect.
        var reclaimed = await db.ArticleSlugRedirects.Where(r => r.OldSlug == slug && r.ArticleId == article.Id).ToListAsync(cancellationToken);
        db.ArticleSlugRedirects.RemoveRange(reclaimed);

        // Only an address the public has seen needs to keep working; a draft's slug was never shared.
        if (article.Status != ArticleStatus.Draft)
        {
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { OldSlug = article.Slug, ArticleId = article.Id, CreatedAtUtc = now });
            audit.Record(actor, AuditAction.ArticleSlugChanged, Target(article.Title, article.Slug), $"{links.Article(article.Slug)} → {links.Article(slug)}");
        }
    }

    private async Task ApplyAsync(Article article, ArticleForm form, RenderedMarkdown body, string slug, DateTime now, StaffActor actor, CancellationToken cancellationToken)
    {
        article.Slug = slug;
        article.Title = form.Title.Trim();
        article.Summary = form.Summary.Trim();
        article.SetBody(form.Body ?? string.Empty, body);
        article.Author = string.IsNullOrWhiteSpace(form.Author) ? Article.DefaultAuthor : form.Author.Trim();
        article.ProgrammeId = form.ProgrammeId;
        article.CoverImagePath = form.RemoveCover ? null : form.CoverImagePath;
        article.CoverImageAlt = article.CoverImagePath is null ? null : form.CoverImageAlt?.Trim();
        await SetTopicsAsync(article, form.TopicNames(), cancellationToken);
        Touch(article, now, actor);
    }

    /// <summary>
    /// From the first save in the portal the portal's version is the one that counts: the
    /// importer leaves an article of origin Portal alone even when its file in content/ changes.
    /// </summary>
    private static void Touch(Article article, DateTime now, StaffActor actor)
    {
        article.Origin = ContentOrigin.Portal;
        article.UpdatedAtUtc = now;
        article.UpdatedBy = actor.Name;
        article.Version++;
    }

    private async Task SetTopicsAsync(Article article, List<string> names, CancellationToken cancellationToken)
    {
        var slugs = names.Select(Slugs.FromText).ToList();
        var existing = await db.Topics.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        article.Topics.Clear();
        foreach (var name in names)
        {
            var slug = Slugs.FromText(name);
            article.Topics.Add(existing.GetValueOrDefault(slug) ?? new Topic { Slug = slug, Name = name });
        }
    }

    private static void ApplyAction(Article article, ArticleForm form, ArticleAction action, DateTime now)
    {
        var chosenUtc = form.PublishAtWib is { } wib ? WholeSeconds(Wib.ToUtc(wib)) : (DateTime?)null;
        switch (action)
        {
            case ArticleAction.PublishNow:
                article.Status = ArticleStatus.Published;
                article.PublishedAtUtc = now;
                break;
            case ArticleAction.Schedule:
                article.Status = ArticleStatus.Published;
                article.PublishedAtUtc = chosenUtc!.Value;
                break;
            case ArticleAction.Unpublish:
                article.Status = ArticleStatus.Draft;
                break;
            case ArticleAction.Archive:
                article.Status = ArticleStatus.Archived;
                break;
            default:
                // A plain save keeps the status; the date typed is the article's date (for a
                // published article a later date makes it scheduled again, an earlier one backdates it).
                article.PublishedAtUtc = chosenUtc ?? article.PublishedAtUtc;
                break;
        }
    }

    private void RecordPublishing(StaffActor actor, string target, ArticleState? before, DateTime publishedBefore, Article article, DateTime now)
    {
        var after = article.StateAt(now);
        if (after == ArticleState.Published && before != ArticleState.Published)
        {
            audit.Record(actor, AuditAction.ArticlePublished, target, $"Terbit {Wib.LongDateTime(article.PublishedAtUtc)}");
        }
        else if (after == ArticleState.Scheduled && (before != ArticleState.Scheduled || publishedBefore != article.PublishedAtUtc))
        {
            audit.Record(actor, AuditAction.ArticleScheduled, target, $"Dijadwalkan terbit {Wib.LongDateTime(article.PublishedAtUtc)}");
        }
        else if (after == ArticleState.Draft && before is ArticleState.Published or ArticleState.Scheduled)
        {
            audit.Record(actor, AuditAction.ArticleUnpublished, target, before == ArticleState.Scheduled ? "Jadwal terbit dibatalkan" : null);
        }
        else if (after == ArticleState.Archived && before != ArticleState.Archived)
        {
            audit.Record(actor, AuditAction.ArticleArchived, target);
        }
    }

    /// <summary>
    /// An article imported from content/ has no revision yet: its text as imported becomes
    /// revision 1, so the first edit in the portal can be undone.
    /// </summary>
    private async Task KeepOriginalAsRevisionAsync(Article article, CancellationToken cancellationToken)
    {
        if (await db.ArticleRevisions.AnyAsync(r => r.ArticleId == article.Id, cancellationToken))
        {
            return;
        }

        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Number = 1,
            Title = article.Title,
            Summary = article.Summary,
            BodyMarkdown = article.BodyMarkdown,
            SavedAtUtc = article.UpdatedAtUtc,
            SavedBy = article.Origin == ContentOrigin.ContentFile ? "Impor dari folder content/" : article.Author,
            Note = "Versi sebelum disunting di portal",
        });
    }

    private async Task AddRevisionAsync(Article article, StaffActor actor, DateTime now, string? note, bool onlyIfChanged, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<ArticleRevision>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var stored = article.Id == 0 ? null : await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        var latest = pending.Where(r => r.ArticleId == article.Id || r.Article == article).MaxBy(r => r.Number) ?? stored;
        if (onlyIfChanged && latest is not null && latest.Title == article.Title && latest.Summary == article.Summary && latest.BodyMarkdown == article.BodyMarkdown)
        {
            return;
        }

        db.ArticleRevisions.Add(new ArticleRevision
        {
            Article = article,
            Number = (latest?.Number ?? 0) + 1,
            Title = article.Title,
            Summary = article.Summary,
            BodyMarkdown = article.BodyMarkdown,
            SavedAtUtc = now,
            SavedBy = actor.Name,
            SavedByUserId = actor.UserId,
            Note = note,
        });
    }

    private async Task<ArticleSaveResult?> TrySaveAsync(Article article, string slug, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ArticleSaveResult.Saved(article.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == article.Id, cancellationToken);
            return current is null ? null : ArticleSaveResult.Conflicted(Conflict(current));
        }
        catch (DbUpdateException)
        {
            // Two editors chose the same new slug at the same moment: the unique index decided.
            db.ChangeTracker.Clear();
            if (await SlugTakenAsync(slug, article.Id == 0 ? null : article.Id, cancellationToken))
            {
                return ArticleSaveResult.Invalid([new(nameof(ArticleForm.Slug), "Alamat ini baru saja dipakai berita lain. Pilih alamat lain.")]);
            }

            throw;
        }
    }

    private static ArticleConflict Conflict(Article current) =>
        new(current.Version, current.Title, current.Summary, current.BodyMarkdown, current.UpdatedBy ?? "Impor dari folder content/", current.UpdatedAtUtc);

    /// <summary>
    /// Times written here are kept to the second, as the form shows them: a save that leaves the
    /// date alone then writes back exactly what was there, not a time a fraction later.
    /// </summary>
    private static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private string Target(string title, string slug) => $"Berita \"{title}\" ({links.Article(slug)})";
}
