using Microsoft.AspNetCore.Identity;
using Portal.Accounts;

namespace Portal.Training;

/// <summary>
/// "Ingatkan saya" for one batch (signed in: see TrainingServices; a visitor is sent to sign in
/// and back here). The batch is named by its programme and stable key, as in its calendar file.
/// </summary>
public class RemindModel(TrainingQueries training, BatchReminders reminders, UserManager<PortalUser> users, TimeProvider clock) : PageModel
{
    public BatchView View { get; private set; } = null!;

    public bool IsWaiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        IsWaiting = await reminders.IsWaitingAsync(users.GetUserId(User)!, batch.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        var result = await reminders.SubscribeAsync(users.GetUserId(User)!, batch, cancellationToken);
        TempData.SetStatus(
            result.Succeeded
                ? $"Pengingat disimpan. Kami akan mengirim email saat pendaftaran {batch.Programme!.Title}, {batch.Name} dibuka pada {Wib.LongDateTime(batch.RegistrationOpensAtUtc)}."
                : result.Summary,
            isError: !result.Succeeded);
        return RedirectToPage(new { slug, key });
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        await reminders.CancelAsync(users.GetUserId(User)!, batch.Id, cancellationToken);
        TempData.SetStatus($"Pengingat untuk {batch.Programme!.Title}, {batch.Name} dibatalkan. Kami tidak akan mengirim email tentang gelombang ini.");
        return RedirectToPage(new { slug, key });
    }

    /// <summary>The batch must belong to the programme in the address; a mismatched pair is a 404, as on the apply page.</summary>
    private async Task<Batch?> LoadAsync(string slug, string key, CancellationToken cancellationToken)
    {
        var batch = await training.BatchAtAsync(slug, key, cancellationToken);
        if (batch is not null)
        {
            View = BatchView.Create(batch, batch.Programme!, Wib.UtcNow(clock)) with { OfferApply = false };
        }

        return batch;
    }
}
