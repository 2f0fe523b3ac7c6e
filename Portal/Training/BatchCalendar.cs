using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Portal.Training;

/// <summary>
/// Batches as an iCalendar file (RFC 5545) that a phone's calendar imports or subscribes to: for
/// each batch its registration window (with an alarm the day before it closes) and its training
/// days. Ical.Net writes the format (escaping, line folding); what goes in is decided here. Times
/// are UTC instants, so no time-zone table is needed, and training days are whole dates, as
/// Kota Serang reads them. Each event's UID is the batch's key, never its row id, so that a
/// calendar that fetches the file again updates the event instead of adding a copy.
/// </summary>
public sealed class BatchCalendar(SiteLinks links, TimeProvider clock)
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public string Write(IEnumerable<Batch> batches, string name)
    {
        var calendar = new Calendar { ProductId = "-//Pemerintah Kota Serang//Portal Pelatihan Kerja//ID" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Jakarta");
        var host = new Uri(links.Absolute("/")).Host;
        var stamp = new CalDateTime(Wib.UtcNow(clock));
        foreach (var batch in batches)
        {
            var programme = batch.Programme!;
            var url = links.Absolute(links.BatchOnProgramme(programme.Slug, batch.Key));
            var what = $"{programme.Title}, {batch.Name}";
            var details = $"Penyelenggara: {batch.Provider}. Lokasi: {batch.Location}. Kuota: {batch.Seats} peserta. {url}";
            var registration = new CalendarEvent
            {
                Uid = $"{batch.Key}.pendaftaran@{host}",
                DtStamp = stamp,
                Summary = $"Pendaftaran {what}",
                Start = new CalDateTime(batch.RegistrationOpensAtUtc),
                End = new CalDateTime(batch.RegistrationClosesAtUtc),
                Description = $"Pendaftaran dibuka {Wib.LongDateTime(batch.RegistrationOpensAtUtc)} s.d. {Wib.LongDateTime(batch.LastRegistrationMinuteUtc)}. {details}",
                Location = batch.Location,
                Url = new Uri(url),
            };
            var dayBeforeClosing = new Trigger(Duration.FromDays(-1));
            // Ical.Net 5.2.4 drops the Related property when writing; the parameter itself is written.
            dayBeforeClosing.Parameters.Set("RELATED", "END");
            registration.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = $"Pendaftaran {what} ditutup dalam 24 jam.",
                Trigger = dayBeforeClosing,
            });
            calendar.Events.Add(registration);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{batch.Key}.pelatihan@{host}",
                DtStamp = stamp,
                Summary = what,
                // All-day events end on the day after the last one (RFC 5545 3.6.1).
                Start = new CalDateTime(batch.TrainingStartsOn),
                End = new CalDateTime(batch.TrainingEndsOn.AddDays(1)),
                Description = details,
                Location = batch.Location,
                Url = new Uri(url),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
