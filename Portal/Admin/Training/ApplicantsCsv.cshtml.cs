namespace Portal.Admin.Training;

/// <summary>/admin/pelatihan/gelombang/{id}/pendaftar/csv: the filtered applicant table as a file; every export is audited.</summary>
public class ApplicantsCsvModel(PortalDbContext db, ApplicantDesk desk, AuditLog audit, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, ApplicantFilter filter, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var rows = await desk.ListAsync(id, filter, cancellationToken);
        audit.Record(StaffActor.From(User), AuditAction.ApplicantsExported, $"Gelombang \"{batch.Name}\" ({batch.Programme!.Title})",
            $"{rows.Count} baris, {filter.Describe()}, NIK lengkap");
        await db.SaveChangesAsync(cancellationToken);

        var day = Wib.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return File(ApplicantsCsv.Write(rows), "text/csv; charset=utf-8", $"pendaftar-{batch.Key}-{day}.csv");
    }
}
