using Portal.Content;
using Portal.News;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// Programmes and batches as operators create and edit them. A saved item becomes of origin
/// Portal: from then on the importer keeps the portal's version even when content/ changes.
/// </summary>
public sealed class TrainingEditor(PortalDbContext db, MarkdownRenderer markdown, AuditLog audit, SiteLinks links)
{
    /// <summary>The saved programme's id; null when the programme is not there (any more).</summary>
    public async Task<FormResult<int>?> SaveProgrammeAsync(int? id, ProgrammeForm form, StaffActor actor, CancellationToken cancellationToken)
    {
        Programme? programme = null;
        if (id is not null)
        {
            programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (programme is null)
            {
                return null;
            }
        }

        var errors = new List<FormError>();
        var slug = programme?.Slug ?? (string.IsNullOrWhiteSpace(form.Slug) ? Slugs.FromText(form.Title) : form.Slug.Trim());
        if (programme is null)
        {
            if (!Slugs.IsValid(slug))
            {
                errors.Add(new(nameof(ProgrammeForm.Slug), "Alamat hanya boleh berisi huruf kecil, angka, dan tanda hubung, misalnya pelatihan-menjahit."));
            }
            else if (await db.Programmes.AnyAsync(p => p.Slug == slug, cancellationToken))
            {
                errors.Add(new(nameof(ProgrammeForm.Slug), "Alamat ini sudah dipakai program lain. Pilih alamat lain."));
            }
        }

        var description = form.Description ?? string.Empty;
        var rendered = markdown.Render(description);
        if (!rendered.Succeeded)
        {
            errors.Add(new(nameof(ProgrammeForm.Description), rendered.Problem));
        }

        if (errors.Count > 0 || !rendered.Succeeded)
        {
            return new FormResult<int>(errors);
        }

        var isNew = programme is null;
        programme ??= db.Programmes.Add(new Programme { Slug = slug, Title = form.Title, Summary = form.Summary }).Entity;
        programme.Title = form.Title.Trim();
        programme.Summary = form.Summary.Trim();
        programme.SetDescription(description, rendered.Rendered);
        programme.SortOrder = form.SortOrder;
        programme.Origin = ContentOrigin.Portal;
        audit.Record(actor, isNew ? AuditAction.ProgrammeCreated : AuditAction.ProgrammeUpdated, $"Program \"{programme.Title}\" ({links.Programme(slug)})");
        await db.SaveChangesAsync(cancellationToken);
        return new FormResult<int>(programme.Id);
    }

    /// <summary>The saved batch's id; null when the programme or the batch is not there (any more).</summary>
    public async Task<FormResult<int>?> SaveBatchAsync(int? id, int programmeId, BatchForm form, StaffActor actor, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken);
        Batch? batch = null;
        if (id is not null)
        {
            batch = await db.Batches.SingleOrDefaultAsync(b => b.Id == id && b.ProgrammeId == programmeId, cancellationToken);
        }

        if (programme is null || (id is not null && batch is null))
        {
            return null;
        }

        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return new FormResult<int>(errors);
        }

        // Seats may shrink only down to those already accepted. The check claims the batch's row in
        // one statement (setting a counter to itself: search never shows counters, see
        // SearchBulkUpdateGuard.NotSearched) and holds it until the commit, so an operator accepting
        // at this moment waits and then counts against the new seats. Seats itself is shown by
        // search, so it is saved below through the tracked batch, which records the change.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (batch is not null && form.Seats!.Value != batch.Seats)
        {
            var seats = form.Seats.Value;
            var claimed = await db.Batches.Where(b => b.Id == batch.Id && b.AcceptedCount <= seats)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, b => b.AcceptedCount), cancellationToken);
            if (claimed == 0)
            {
                var accepted = await db.Batches.Where(b => b.Id == batch.Id).Select(b => b.AcceptedCount).SingleAsync(cancellationToken);
                return FormResult<int>.Fail(nameof(BatchForm.Seats),
                    $"Jumlah kursi tidak boleh kurang dari peserta yang sudah diterima ({accepted} orang). Ubah dulu status peserta bila kursi memang dikurangi.");
            }
        }

        var isNew = batch is null;
        if (batch is null)
        {
            var key = await NewKeyAsync(programme.Slug, form.Name, cancellationToken);
            batch = new Batch { Key = key, Name = form.Name, Provider = form.Provider, Location = form.Location, ProgrammeId = programme.Id };
            db.Batches.Add(batch);
        }

        batch.SetTerms(form.Terms());
        batch.Seats = form.Seats!.Value;
        batch.Origin = ContentOrigin.Portal;
        audit.Record(actor, isNew ? AuditAction.BatchCreated : AuditAction.BatchUpdated, $"Gelombang \"{batch.Name}\" ({programme.Title})",
            $"Kuota {batch.Seats}; pendaftaran {Wib.LongDateTime(batch.RegistrationOpensAtUtc)} – {Wib.LongDateTime(batch.RegistrationClosesAtUtc)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FormResult<int>(batch.Id);
    }

    /// <summary>The rules the importer applies to content/ too (<see cref="BatchRules"/>), said beside the field concerned.</summary>
    private static List<FormError> Validate(BatchForm form)
    {
        var errors = new List<FormError>();
        if (form.RegistrationCap is { } cap && form.Seats is { } seats && cap < seats)
        {
            errors.Add(new(nameof(BatchForm.RegistrationCap), "Batas pendaftar tidak boleh kurang dari jumlah kursi."));
        }

        if (form.RegistrationOpensWib is { } opens && form.RegistrationClosesWib is { } closes
            && form.TrainingStartsOn is { } starts && form.TrainingEndsOn is { } ends
            && BatchRules.FindDateProblem(Wib.ToUtc(opens), Wib.ToUtc(closes), starts, ends) is { } dateProblem)
        {
            var field = dateProblem == BatchProblem.TrainingEndsBeforeItStarts ? nameof(BatchForm.TrainingEndsOn) : nameof(BatchForm.RegistrationClosesWib);
            errors.Add(new(field, dateProblem.Message()));
        }

        if (BatchRules.FindAgeProblem(form.MinAge, form.MaxAge) is { } ageProblem)
        {
            errors.Add(new(ageProblem == BatchProblem.MinAgeAboveMaxAge ? nameof(BatchForm.MaxAge) : nameof(BatchForm.MinAge), ageProblem.Message()));
        }

        if (BatchRules.FindDocumentsProblem(form.Documents()) is { } documentsProblem)
        {
            errors.Add(new(nameof(BatchForm.RequiredDocuments), documentsProblem.Message()));
        }

        return errors;
    }

    /// <summary>Batches from content/ are keyed by the file; a batch made in the portal gets a key of the same shape.</summary>
    private async Task<string> NewKeyAsync(string programmeSlug, string name, CancellationToken cancellationToken)
    {
        var stem = Slugs.FromText($"{programmeSlug} {name}");
        stem = stem.Length > 100 ? stem[..100].TrimEnd('-') : stem;
        var key = stem;
        for (var n = 2; await db.Batches.AnyAsync(b => b.Key == key, cancellationToken); n++)
        {
            key = $"{stem}-{n}";
        }

        return key;
    }
}
