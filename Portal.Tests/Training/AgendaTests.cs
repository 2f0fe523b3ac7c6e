using System.Text;
using AngleSharp.Dom;
using Portal.Training;

namespace Portal.Tests.Training;

public class AgendaTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>More than 75 octets, with characters of two and three octets, a comma and a semicolon.</summary>
    private const string LongLocation = "Gedung Pelatihan Kerja Terpadu, Jl. Jenderal Sudirman No. 5; lantai 2, ruang Café Bahasa — Kota Serang, Banten";

    [Fact]
    public async Task The_agenda_lists_every_batch_under_the_month_its_registration_opens_with_its_dates()
    {
        var (programme, december, january) = await TwoBatchesAsync();

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Agenda);

        var decemberSection = SectionOf(page, december.Key);
        var januarySection = SectionOf(page, january.Key);
        Assert.Equal("Desember 2026", decemberSection.Text("h2"));
        Assert.Equal("Januari 2027", januarySection.Text("h2"));
        Assert.True(decemberSection.CompareDocumentPosition(januarySection).HasFlag(DocumentPositions.Following), "December comes before January");
        var card = page.QuerySelector($"#{BatchView.AnchorOf(december.Key)}")!;
        Assert.Contains(programme.Title, card.Text("h3"), StringComparison.Ordinal);
        var facts = card.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("1–16 Desember 2026 pukul 23.59 WIB", facts["Pendaftaran"]);
        Assert.Equal("23 Desember 2026 – 6 Januari 2027", facts["Pelatihan"]);
        Assert.Equal(TrainingLinks.BatchCalendar(programme.Slug, december.Key),
            card.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Tambahkan ke kalender", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == TrainingLinks.Agenda);
    }

    [Fact]
    public async Task Demo_batches_are_left_out_of_the_agenda_and_its_calendar()
    {
        var demoKey = await factory.WithDbAsync(db => db.Batches.Where(b => b.IsDemo).Select(b => b.Key).FirstAsync());
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync(TrainingLinks.Agenda);
        var feed = Unfold(await CalendarAsync(client, TrainingLinks.AgendaCalendar));

        Assert.NotEmpty(page.QuerySelectorAll(".batch-card"));
        Assert.Null(page.QuerySelector($"#{BatchView.AnchorOf(demoKey)}"));
        Assert.Contains(feed, l => l.StartsWith("UID:", StringComparison.Ordinal));
        Assert.DoesNotContain(feed, l => l.StartsWith($"UID:{demoKey}.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_calendar_file_holds_its_registration_window_and_training_days()
    {
        var (programme, december, _) = await TwoBatchesAsync();

        var lines = Unfold(await CalendarAsync(factory.CreatePortalClient(), TrainingLinks.BatchCalendar(programme.Slug, december.Key)));

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        var events = Events(lines);
        Assert.Equal(2, events.Count);
        var registration = events.Single(e => e.Contains($"UID:{december.Key}.pendaftaran@localhost"));
        Assert.Contains("DTSTART:20261201T010000Z", registration);
        Assert.Contains("DTEND:20261216T170000Z", registration);
        Assert.Contains("TRIGGER;RELATED=END:-P1D", registration);
        var training = events.Single(e => e.Contains($"UID:{december.Key}.pelatihan@localhost"));
        Assert.Contains("DTSTART;VALUE=DATE:20261223", training);
        Assert.Contains("DTEND;VALUE=DATE:20270107", training);
        // RFC 5545 3.3.11: commas and semicolons in text are escaped with a backslash.
        Assert.Contains(@"SUMMARY:Barista\, Kopi\; Susu " + programme.Slug[^4..] + @"\, Gelombang Desember", training);
        Assert.Contains(@"LOCATION:Gedung Pelatihan Kerja Terpadu\, Jl. Jenderal Sudirman No. 5\; lantai 2\, ruang Café Bahasa — Kota Serang\, Banten", training);
        Assert.Contains($"URL:http://localhost/pelatihan/{programme.Slug}?gelombang={december.Key}#gelombang-{december.Key}", training);
    }

    [Fact]
    public async Task Calendar_lines_are_folded_at_75_octets_with_crlf_and_never_inside_a_character()
    {
        var (programme, december, _) = await TwoBatchesAsync();

        var raw = await CalendarAsync(factory.CreatePortalClient(), TrainingLinks.BatchCalendar(programme.Slug, december.Key));

        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', raw.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain('\uFFFD', raw);
        var physical = raw[..^2].Split("\r\n");
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(physical, line => line.StartsWith(' '));
    }

    [Fact]
    public async Task The_calendar_of_all_batches_holds_each_real_batch_once()
    {
        var (_, december, january) = await TwoBatchesAsync();

        var feed = Unfold(await CalendarAsync(factory.CreatePortalClient(), TrainingLinks.AgendaCalendar));

        Assert.Single(feed, $"UID:{december.Key}.pendaftaran@localhost");
        Assert.Single(feed, $"UID:{january.Key}.pelatihan@localhost");
    }

    [Fact]
    public async Task An_unknown_or_deleted_batch_or_one_under_another_programme_gets_the_indonesian_404_page()
    {
        var (programme, december, january) = await TwoBatchesAsync();
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(TrainingLinks.BatchCalendar(programme.Slug, january.Key), UriKind.Relative))).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            db.Batches.Remove(await db.Batches.SingleAsync(b => b.Id == january.Id));
            await db.SaveChangesAsync();
        });

        foreach (var address in new[]
        {
            TrainingLinks.BatchCalendar(programme.Slug, "tidak-ada"),
            TrainingLinks.BatchCalendar("program-lain", december.Key),
            TrainingLinks.BatchCalendar(programme.Slug, january.Key),
        })
        {
            var page = await client.GetPageAsync(address, HttpStatusCode.NotFound);
            Assert.Equal("Halaman tidak ditemukan", page.Text("h1"));
        }
    }

    /// <summary>A programme whose title needs escaping, with a batch opening in December 2026 and one in January 2027.</summary>
    private async Task<(Programme Programme, Batch December, Batch January)> TwoBatchesAsync()
    {
        var programme = TestData.Programme();
        programme.Title = $"Barista, Kopi; Susu {programme.Slug[^4..]}";
        var december = TestData.Batch(programme, new DateTime(2026, 12, 1, 8, 0, 0), new DateTime(2026, 12, 16, 23, 59, 0));
        december.Name = "Gelombang Desember";
        december.Location = LongLocation;
        var january = TestData.Batch(programme, new DateTime(2027, 1, 4, 8, 0, 0), new DateTime(2027, 1, 20, 23, 59, 0));
        january.Name = "Gelombang Januari";
        await factory.AddAsync(december, january);
        return (programme, december, january);
    }

    private static IElement SectionOf(IParentNode page, string batchKey) =>
        page.QuerySelector($"#{BatchView.AnchorOf(batchKey)}")?.Closest("section") ?? throw new Xunit.Sdk.XunitException($"No section holds batch {batchKey}");

    private static async Task<string> CalendarAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Content lines as RFC 5545 3.1 unfolds them: a line that starts with a space continues the one before.</summary>
    private static List<string> Unfold(string raw)
    {
        var lines = new List<string>();
        foreach (var line in raw.Split("\r\n"))
        {
            if (line.StartsWith(' ') && lines.Count > 0)
            {
                lines[^1] += line[1..];
            }
            else if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static List<List<string>> Events(List<string> lines)
    {
        var events = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT")
            {
                current = [];
            }
            else if (line == "END:VEVENT" && current is not null)
            {
                events.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return events;
    }
}
