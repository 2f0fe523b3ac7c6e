using Portal.Mail;

namespace Portal.Training;

/// <summary>The email a <see cref="BatchReminder"/> sends, in Indonesian.</summary>
public sealed class BatchReminderEmails(IOptions<SiteOptions> site, SiteLinks links)
{
    public OutgoingMail RegistrationOpened(string to, string? fullName, Batch batch)
    {
        var programme = batch.Programme!;
        var apply = links.Absolute(links.Apply(programme.Slug, batch.Id));
        var reminder = links.Absolute(links.Reminder(programme.Slug, batch.Key));
        return new OutgoingMail(to, $"Pendaftaran dibuka: {programme.Title} — {batch.Name}", $"""
            Yth. {fullName ?? "Bapak/Ibu"},

            Pendaftaran pelatihan {programme.Title}, {batch.Name}, sudah dibuka.
            Batas akhir pendaftaran: {Wib.LongDateTime(batch.LastRegistrationMinuteUtc)}.

            Pelatihan: {Wib.DateRange(batch.TrainingStartsOn, batch.TrainingEndsOn)}
            Penyelenggara: {batch.Provider}
            Lokasi: {batch.Location}

            Daftar di:
            {apply}

            Anda menerima email ini karena meminta pengingat untuk gelombang ini di {reminder}
            Pengingat ini hanya dikirim sekali.

            {MailSignature.For(site.Value)}
            """);
    }
}
