using System.Globalization;
using Portal.Content;
using Portal.Training;

namespace Portal.Tests.Content;

/// <summary>
/// One row per rule of the content files: a valid file with one field changed (or removed), and
/// the reason the parser gives. The texts are built from a valid file so that each row breaks
/// exactly one rule.
/// </summary>
public class ContentParserTests
{
    private const string CoverRule = "must be a path on this site such as /img/... or /unggahan/... (no scheme, '//', '\\' or '..')";
    private const string BatchPrefix = "batch 1 (barista-apbd-2025-1): ";

    private static readonly DateOnly Today = new(2025, 11, 26);

    private static readonly HashSet<string> Programmes = ["barista"];

    private static readonly string[] ArticleFields =
    [
        "title: \"Pelatihan barista dibuka\"",
        "date: 2025-11-20 09:00",
        "summary: \"Pendaftaran gelombang I dibuka.\"",
    ];

    private static readonly string[] ProgrammeFields =
    [
        "title: \"Pelatihan Barista\"",
        "summary: \"Meracik kopi untuk kedai.\"",
    ];

    private static readonly string[] BatchFields =
    [
        "key: barista-apbd-2025-1",
        "name: \"Gelombang I 2025\"",
        "funding: APBD",
        "provider: \"BBPVP Serang\"",
        "location: \"Workshop BBPVP Serang\"",
        "seats: 16",
        "registration_opens: 2025-09-01 08:00",
        "registration_closes: 2025-09-20 23:59",
        "training_starts: 2025-10-06",
        "training_ends: 2025-10-24",
    ];

    /// <summary>A valid recorded outcome of the batch in <see cref="BatchFields"/> (16 seats, trained in October 2025).</summary>
    private static readonly string[] OutcomeFields =
    [
        "applicants: 58",
        "participants: 16",
        "completed: 16",
        "placed: 12",
    ];

    [Theory]
    [InlineData("pelatihan-barista.md", "pelatihan-barista")]
    [InlineData("/srv/portal/content/news/Berita Baru.md", "berita-baru")]
    [InlineData("Lowongan Kerja — Édisi 2.md", "lowongan-kerja-edisi-2")]
    public void A_file_name_gives_its_slug(string path, string slug) =>
        Assert.Equal(slug, ContentParser.SlugFromFileName(path).Value);

    [Theory]
    [InlineData("___.md")]
    [InlineData("—.md")]
    [InlineData(".md")]
    public void A_file_name_without_letters_or_digits_gives_no_slug(string path) =>
        Assert.Equal(ContentParser.NoSlug, ContentParser.SlugFromFileName(path).Error);

    [Theory]
    [InlineData("Tanpa front matter sama sekali", "the file does not start with a '---' line opening the YAML front matter")]
    [InlineData("---\ntitle: \"Tanpa penutup\"\nIsi", "the YAML front matter is not closed by a '---' line")]
    [InlineData("---\n---\nIsi", "the YAML front matter is empty")]
    [InlineData("---\n\n---\nIsi", "the YAML front matter is empty")]
    [InlineData("---\n---", "the YAML front matter is empty")]
    [InlineData("---\ntitle: [rusak\n---\nIsi", "invalid YAML at line ")]
    [InlineData("---\ntitle: \"Salah ketik\"\ntagz: [a]\n---\nIsi", "invalid YAML at line 2")]
    public void A_file_whose_front_matter_cannot_be_read_is_refused(string text, string reason)
    {
        Assert.StartsWith(reason, ContentParser.ParseArticle("contoh", text, Programmes).Error, StringComparison.Ordinal);
        Assert.StartsWith(reason, ContentParser.ParseProgramme("contoh", text, Today).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title", "title is missing")]
    [InlineData("title: \"  \"", "title is missing")]
    [InlineData("summary", "summary is missing")]
    [InlineData("date", "date is missing")]
    [InlineData("date: 2025-02-30", "date '2025-02-30' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("date: 20-11-2025", "date '20-11-2025' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("date: today-1", "date 'today-1' is relative, which only demo batches (demo: true) may use")]
    [InlineData("updated: 2025-11-19", "updated is before date (the article cannot change before it is published)")]
    [InlineData("updated: kemarin", "updated 'kemarin' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("programme: tidak-ada", "programme 'tidak-ada' has no file in content/programmes (or it was skipped)")]
    [InlineData("cover: //evil.example/x.jpg", "cover '//evil.example/x.jpg' " + CoverRule)]
    [InlineData("cover: https://evil.example/x.jpg", "cover 'https://evil.example/x.jpg' " + CoverRule)]
    [InlineData("cover: \"javascript:alert(1)\"", "cover 'javascript:alert(1)' " + CoverRule)]
    [InlineData("cover: /\\evil.example/x.jpg", "cover '/\\evil.example/x.jpg' " + CoverRule)]
    [InlineData("cover: /img/../../x.jpg", "cover '/img/../../x.jpg' " + CoverRule)]
    [InlineData("cover: \"/img/dua\tkata.jpg\"", "cover '/img/dua\tkata.jpg' " + CoverRule)]
    [InlineData("cover: img/foto.jpg", "cover 'img/foto.jpg' " + CoverRule)]
    [InlineData("cover: /", "cover '/' " + CoverRule)]
    [InlineData("cover: /img/foto.jpg", "cover_alt must describe the cover image")]
    [InlineData("cover: /img/foto.jpg\ncover_alt: \" \"", "cover_alt must describe the cover image")]
    public void An_article_breaking_a_rule_is_refused_with_the_field_and_reason(string change, string reason) =>
        Assert.Equal(reason, ContentParser.ParseArticle("contoh", Article(change), Programmes).Error);

    [Theory]
    [InlineData("title", 200, true)]
    [InlineData("title", 201, false)]
    [InlineData("summary", 500, true)]
    [InlineData("summary", 501, false)]
    public void Titles_and_summaries_are_held_to_the_limits_staff_forms_have(string field, int length, bool accepted)
    {
        var change = $"{field}: \"  {new string('a', length)}  \"";

        Assert.Equal(accepted ? null : $"{field} is longer than allowed", ContentParser.ParseArticle("contoh", Article(change), Programmes).Error);
        Assert.Equal(accepted ? null : $"{field} is longer than allowed", ContentParser.ParseProgramme("contoh", Programme(change), Today).Error);
    }

    [Fact]
    public void A_valid_article_is_read_trimmed_with_its_WIB_date_in_UTC_and_its_topics_once_each()
    {
        var text = Article("title: \"  Pelatihan barista dibuka  \"\nprogramme: barista\ncover: /img/berita/barista.jpg\ncover_alt: \" Peserta meracik kopi \"\n" +
            "author: \" Humas \"\ntags: [\" Soft Skill \", soft skill, \"!!!\", APBD]", body: "\n\nIsi **berita**.\n\n");

        var article = ContentParser.ParseArticle("pelatihan-barista-dibuka", text, Programmes).Value!;

        Assert.Equal("pelatihan-barista-dibuka", article.Slug);
        Assert.Equal("Pelatihan barista dibuka", article.Title);
        Assert.Equal("Pendaftaran gelombang I dibuka.", article.Summary);
        Assert.Equal(new DateTime(2025, 11, 20, 2, 0, 0, DateTimeKind.Utc), article.PublishedAtUtc);
        Assert.Equal(["Soft Skill", "APBD"], article.Tags);
        Assert.Equal("barista", article.Programme);
        Assert.Equal("/img/berita/barista.jpg", article.Cover);
        Assert.Equal("Peserta meracik kopi", article.CoverAlt);
        Assert.Equal("Humas", article.Author);
        Assert.Equal("Isi **berita**.", article.Body);
        Assert.Equal(ContentParser.Hash(text), article.Hash);
    }

    [Theory]
    [InlineData("", "2025-11-20 02:00")]
    [InlineData("updated: 2025-11-25 13:30", "2025-11-25 06:30")]
    public void An_article_was_last_changed_when_its_file_says_or_else_when_it_was_published(string change, string updatedUtc)
    {
        var article = ContentParser.ParseArticle("contoh", Article(change), Programmes).Value!;

        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(updatedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), article.UpdatedAtUtc);
    }

    [Fact]
    public void An_article_without_the_optional_fields_has_none()
    {
        var article = ContentParser.ParseArticle("contoh", Article(string.Empty), Programmes).Value!;

        Assert.Empty(article.Tags);
        Assert.Null(article.Programme);
        Assert.Null(article.Cover);
        Assert.Null(article.Author);
    }

    [Fact]
    public void The_same_text_always_gives_the_same_result_and_another_text_another_hash()
    {
        var first = ContentParser.ParseArticle("contoh", Article(string.Empty), Programmes).Value!;
        var again = ContentParser.ParseArticle("contoh", Article(string.Empty), Programmes).Value!;
        var edited = ContentParser.ParseArticle("contoh", Article(string.Empty, body: "Isi yang diubah."), Programmes).Value!;

        Assert.Equivalent(first, again, strict: true);
        Assert.NotEqual(first.Hash, edited.Hash);
    }

    [Theory]
    [InlineData("title", "title is missing")]
    [InlineData("summary: \"\"", "summary is missing")]
    [InlineData("summary", "summary is missing")]
    public void A_programme_breaking_a_rule_is_refused_with_the_field_and_reason(string change, string reason) =>
        Assert.Equal(reason, ContentParser.ParseProgramme("barista", Programme(change), Today).Error);

    [Theory]
    [InlineData("key", "batch 1 (no key): key is missing")]
    [InlineData("key: Barista_1", "batch 1 (Barista_1): key must be lower-case letters, digits and hyphens")]
    [InlineData("name", BatchPrefix + "name is missing")]
    [InlineData("funding", BatchPrefix + "funding is missing")]
    [InlineData("funding: APBDes", BatchPrefix + "funding 'APBDes' must be APBD or APBN")]
    [InlineData("provider", BatchPrefix + "provider is missing")]
    [InlineData("location: \" \"", BatchPrefix + "location is missing")]
    [InlineData("seats", BatchPrefix + "seats must be a number above 0")]
    [InlineData("seats: 0", BatchPrefix + "seats must be a number above 0")]
    [InlineData("seats: -3", BatchPrefix + "seats must be a number above 0")]
    [InlineData("registration_cap: 0", BatchPrefix + "registration_cap must be above 0 when given")]
    [InlineData("registration_opens", BatchPrefix + "registration_opens is missing")]
    [InlineData("registration_opens: 2025-13-01", BatchPrefix + "registration_opens '2025-13-01' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("registration_closes: today+3", BatchPrefix + "registration_closes 'today+3' is relative, which only demo batches (demo: true) may use")]
    [InlineData("registration_closes: 2025-09-20 24:00", BatchPrefix + "registration_closes '2025-09-20 24:00' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("training_starts", BatchPrefix + "training_starts is missing")]
    [InlineData("training_ends: akhir Oktober", BatchPrefix + "training_ends 'akhir Oktober' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm")]
    [InlineData("registration_closes: 2025-08-31", BatchPrefix + "registration must close after it opens")]
    [InlineData("registration_closes: 2025-10-06", BatchPrefix + "registration must close before the first training day")]
    [InlineData("registration_closes: 2025-10-05 23:59", null)]
    [InlineData("training_ends: 2025-10-05", BatchPrefix + "training cannot end before it starts")]
    [InlineData("training_ends: 2025-10-06", null)]
    [InlineData("min_age: 101", BatchPrefix + "ages must be between 0 and 100")]
    [InlineData("max_age: -1", BatchPrefix + "ages must be between 0 and 100")]
    [InlineData("min_age: 40\nmax_age: 30", BatchPrefix + "min_age cannot be above max_age")]
    [InlineData("min_education: S4", BatchPrefix + "min_education 'S4' must be one of SD, SMP, SMA/SMK, D1, D2, D3, D4, S1, S2")]
    [InlineData("registraton_cap: 40", "invalid YAML at line 15")]
    public void A_batch_breaking_a_rule_refuses_its_programme_with_the_batch_field_and_reason(string change, string? reason)
    {
        var error = ContentParser.ParseProgramme("barista", Batch(change), Today).Error;

        if (reason is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(reason, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_batch_key_twice_in_one_file_refuses_the_file()
    {
        var batch = string.Join("\n", BatchFields.Select(f => "    " + f));
        var text = $"---\n{string.Join("\n", ProgrammeFields)}\nbatches:\n  -\n{batch}\n  -\n{batch}\n---\nDeskripsi.\n";

        Assert.Equal("batch key 'barista-apbd-2025-1' appears twice", ContentParser.ParseProgramme("barista", text, Today).Error);
    }

    [Fact]
    public void A_valid_batch_is_read_with_its_window_in_UTC_and_its_defaults()
    {
        var programme = ContentParser.ParseProgramme("barista", Batch("order: 3", "registration_cap: 48\nmin_age: 18\nmax_age: 35\nmin_education: SMA"), Today).Value!;

        Assert.Equal(("Pelatihan Barista", "Meracik kopi untuk kedai.", 3), (programme.Title, programme.Summary, programme.Order));
        var batch = Assert.Single(programme.Batches);
        Assert.Equal(new ParsedBatch(
            "barista-apbd-2025-1", "Gelombang I 2025", FundingSource.Apbd, "BBPVP Serang", "Workshop BBPVP Serang", 16, 48,
            OpensUtc: new DateTime(2025, 9, 1, 1, 0, 0, DateTimeKind.Utc),
            // "23:59" lasts to the end of that minute: the window ends, exclusive, at 00:00 WIB the next day.
            ClosesUtc: new DateTime(2025, 9, 20, 17, 0, 0, DateTimeKind.Utc),
            new DateOnly(2025, 10, 6), new DateOnly(2025, 10, 24), 18, 35, EducationLevel.SmaSmk, ResidentsOnly: true, IsDemo: false)
        {
            Documents = batch.Documents,
        }, batch);
        Assert.Empty(batch.Documents);
    }

    [Fact]
    public void A_batch_reads_its_documents_trimmed_in_order_without_empty_items()
    {
        var batch = ContentParser.ParseProgramme("barista", Batch("documents: [\"  KTP asli  \", \"\", \"Kartu AK-1\", \"Pas foto 3×4\"]"), Today).Value!.Batches.Single();

        Assert.Equal(["KTP asli", "Kartu AK-1", "Pas foto 3×4"], batch.Documents);
        Assert.Equal(["KTP asli", "Kartu AK-1", "Pas foto 3×4"], batch.Terms.RequiredDocuments);
    }

    [Theory]
    [InlineData(20, 200, false, null)]
    [InlineData(21, 10, false, "documents may list at most 20 items")]
    [InlineData(2, 201, false, "each item of documents must be at most 200 characters")]
    [InlineData(2, 10, true, "documents lists the same item twice")]
    public void A_batch_documents_list_is_held_to_its_limits(int count, int length, bool repeatOne, string? reason)
    {
        var items = Enumerable.Range(0, count).Select(i => (i.ToString("00", CultureInfo.InvariantCulture) + new string('d', length))[..length]).ToList();
        if (repeatOne)
        {
            items[1] = items[0].ToUpperInvariant();
        }

        var change = "documents: [" + string.Join(", ", items.Select(i => $"\"{i}\"")) + "]";

        Assert.Equal(reason is null ? null : BatchPrefix + reason, ContentParser.ParseProgramme("barista", Batch(change), Today).Error);
    }

    [Theory]
    [InlineData("funding: APBD", true)]
    [InlineData("funding: apbn", false)]
    [InlineData("funding: APBN\nresidents_only: true", true)]
    [InlineData("funding: APBD\nresidents_only: false", false)]
    public void Only_APBD_batches_are_for_residents_unless_the_file_says_otherwise(string change, bool residentsOnly) =>
        Assert.Equal(residentsOnly, ContentParser.ParseProgramme("barista", Batch(change), Today).Value!.Batches.Single().ResidentsOnly);

    [Fact]
    public void A_bare_closing_date_lasts_to_the_end_of_that_day_in_WIB()
    {
        var batch = ContentParser.ParseProgramme("barista", Batch("registration_closes: 2025-09-20"), Today).Value!.Batches.Single();

        Assert.Equal(new DateTime(2025, 9, 20, 17, 0, 0, DateTimeKind.Utc), batch.ClosesUtc);
    }

    [Fact]
    public void A_demo_batch_is_placed_relative_to_today_and_its_hash_changes_with_the_day()
    {
        var text = Batch(string.Empty, "demo: true\nregistration_opens: today-3\nregistration_closes: today+4 23:59\ntraining_starts: today+10\ntraining_ends: today+20");

        var programme = ContentParser.ParseProgramme("barista", text, Today).Value!;
        var tomorrow = ContentParser.ParseProgramme("barista", text, Today.AddDays(1)).Value!;

        var batch = Assert.Single(programme.Batches);
        Assert.True(batch.IsDemo);
        Assert.Equal(new DateTime(2025, 11, 22, 17, 0, 0, DateTimeKind.Utc), batch.OpensUtc);
        Assert.Equal(new DateTime(2025, 11, 30, 17, 0, 0, DateTimeKind.Utc), batch.ClosesUtc);
        Assert.Equal((new DateOnly(2025, 12, 6), new DateOnly(2025, 12, 16)), (batch.Starts, batch.Ends));
        Assert.NotEqual(programme.Hash, tomorrow.Hash);
        Assert.Equal(
            ContentParser.ParseProgramme("barista", Batch(string.Empty), Today).Value!.Hash,
            ContentParser.ParseProgramme("barista", Batch(string.Empty), Today.AddDays(1)).Value!.Hash);
    }

    [Fact]
    public void A_programme_without_batches_has_none()
    {
        var programme = ContentParser.ParseProgramme("barista", Programme(string.Empty), Today).Value!;

        Assert.Empty(programme.Batches);
        Assert.Equal(0, programme.Order);
        Assert.Equal("Deskripsi program.", programme.Body);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("participants: 0\ncompleted: 0\nplaced: 0", null)]
    [InlineData("applicants: 16\nplaced: 16", null)]
    [InlineData("participants_by_kecamatan: { serang: 6, kasemen: 3, walantaka: 2, curug: 1, cipocok_jaya: 2, taktakan: 2, luar_kota_serang: 0 }", null)]
    [InlineData("participants_by_gender: { laki_laki: 7, perempuan: 9 }", null)]
    [InlineData("applicants", "recorded_outcome.applicants is missing")]
    [InlineData("participants", "recorded_outcome.participants is missing")]
    [InlineData("completed", "recorded_outcome.completed is missing")]
    [InlineData("placed", "recorded_outcome.placed is missing")]
    [InlineData("applicants: -1", "recorded_outcome.applicants cannot be negative")]
    [InlineData("placed: -2", "recorded_outcome.placed cannot be negative")]
    [InlineData("applicants: 15", "recorded_outcome.participants (16) cannot be more than applicants (15)")]
    [InlineData("participants: 17", "recorded_outcome.participants (17) cannot be more than the batch's seats (16)")]
    [InlineData("completed: 17", "recorded_outcome.completed (17) cannot be more than participants (16)")]
    [InlineData("completed: 11", "recorded_outcome.placed (12) cannot be more than completed (11)")]
    [InlineData("participants_by_kecamatan: { serang: 10, cilegon: 6 }",
        "recorded_outcome.participants_by_kecamatan: 'cilegon' is not one of serang, kasemen, walantaka, curug, cipocok_jaya, taktakan, luar_kota_serang")]
    [InlineData("participants_by_kecamatan: { serang: 20, kasemen: -4 }", "recorded_outcome.participants_by_kecamatan: kasemen cannot be negative")]
    [InlineData("participants_by_kecamatan: { serang: 10, kasemen: 5 }", "recorded_outcome.participants_by_kecamatan adds up to 15, not to the 16 participants")]
    [InlineData("participants_by_kecamatan: {}", "recorded_outcome.participants_by_kecamatan adds up to 0, not to the 16 participants")]
    [InlineData("participants_by_gender: { pria: 16 }", "recorded_outcome.participants_by_gender: 'pria' is not one of laki_laki, perempuan")]
    [InlineData("participants_by_gender: { laki_laki: 7, perempuan: 10 }", "recorded_outcome.participants_by_gender adds up to 17, not to the 16 participants")]
    [InlineData("applicants: banyak", "invalid YAML at line ")]
    [InlineData("peserta: 16", "invalid YAML at line ")]
    public void A_recorded_outcome_breaking_a_rule_refuses_its_programme_with_the_figure_and_reason(string change, string? reason)
    {
        var error = ContentParser.ParseProgramme("barista", Batch(Outcome(change)), Today).Error;

        if (reason is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(reason.StartsWith("invalid", StringComparison.Ordinal) ? reason : BatchPrefix + reason, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("training_starts: 2025-11-27\ntraining_ends: 2025-12-12", "recorded_outcome is given for a batch whose training has not started (training_starts 2025-11-27): record it after the training ends")]
    [InlineData("demo: true", "recorded_outcome is not allowed on a demo batch: demo batches are examples, not records")]
    [InlineData("demo: true\nregistration_opens: today-60\nregistration_closes: today-40\ntraining_starts: today-30\ntraining_ends: today-10",
        "recorded_outcome is not allowed on a demo batch: demo batches are examples, not records")]
    public void A_recorded_outcome_is_refused_on_a_batch_not_yet_trained_and_on_a_demo_batch(string batchChange, string reason) =>
        Assert.Equal(BatchPrefix + reason, ContentParser.ParseProgramme("barista", Batch(batchChange + "\n" + Outcome(string.Empty)), Today).Error);

    [Theory]
    [InlineData("2025-11-24", "2025-11-25", false, false)]
    [InlineData("2025-11-24", "2025-11-26", true, false)]
    [InlineData("2025-11-26", "2025-12-12", true, true)]
    public void A_recorded_outcome_is_held_while_its_training_runs_and_the_file_changes_hash_the_day_after_it_ends(
        string starts, string ends, bool heldToday, bool heldTomorrow)
    {
        var text = Batch($"training_starts: {starts}\ntraining_ends: {ends}\n" + Outcome(string.Empty));

        var today = ContentParser.ParseProgramme("barista", text, Today).Value!;
        var tomorrow = ContentParser.ParseProgramme("barista", text, Today.AddDays(1)).Value!;

        Assert.Equal((heldToday, heldTomorrow), (today.Batches.Single().Outcome!.Held, tomorrow.Batches.Single().Outcome!.Held));
        Assert.Equal(heldToday != heldTomorrow, today.Hash != tomorrow.Hash);
    }

    [Fact]
    public void A_valid_recorded_outcome_is_read_with_its_breakdowns()
    {
        var text = Batch(Outcome("participants_by_kecamatan: { serang: 10, cipocok_jaya: 6, luar_kota_serang: 0 }\nparticipants_by_gender: { perempuan: 9, laki_laki: 7 }"));

        var outcome = ContentParser.ParseProgramme("barista", text, Today).Value!.Batches.Single().Outcome!;
        var recorded = outcome.ToRecordedOutcome();

        Assert.False(outcome.Held);
        Assert.Equal((58, 16, 16, 12), (recorded.Applicants, recorded.Participants, recorded.Completed, recorded.Placed));
        Assert.Equal(
            [(Kecamatan.Serang, 10), (Kecamatan.CipocokJaya, 6), (Kecamatan.LuarKotaSerang, 0)],
            recorded.ParticipantsByKecamatan.Select(k => (k.Kecamatan, k.Participants)));
        Assert.Equal([(Gender.Male, 7), (Gender.Female, 9)], recorded.ParticipantsByGender.Select(g => (g.Gender, g.Participants)));
    }

    [Fact]
    public void A_batch_without_a_recorded_outcome_has_none_and_a_changed_figure_changes_the_hash()
    {
        Assert.Null(ContentParser.ParseProgramme("barista", Batch(string.Empty), Today).Value!.Batches.Single().Outcome);
        Assert.NotEqual(
            ContentParser.ParseProgramme("barista", Batch(Outcome(string.Empty)), Today).Value!.Hash,
            ContentParser.ParseProgramme("barista", Batch(Outcome("placed: 11")), Today).Value!.Hash);
    }

    private static string Article(string change, string body = "Isi berita.") =>
        $"---\n{Fields(ArticleFields, change, string.Empty)}---\n{body}\n";

    private static string Programme(string change) =>
        $"---\n{Fields(ProgrammeFields, change, string.Empty)}---\nDeskripsi program.\n";

    /// <summary>The recorded_outcome line of a batch (a YAML flow mapping), <see cref="OutcomeFields"/> with the change applied.</summary>
    private static string Outcome(string change) =>
        $"recorded_outcome: {{ {string.Join(", ", Fields(OutcomeFields, change, string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))} }}";

    private static string Batch(string batchChange) => Batch(string.Empty, batchChange);

    private static string Batch(string programmeChange, string batchChange) =>
        $"---\n{Fields(ProgrammeFields, programmeChange, string.Empty)}batches:\n  -\n{Fields(BatchFields, batchChange, "    ")}---\nDeskripsi program.\n";

    /// <summary>
    /// The fields with the change applied: each line of <paramref name="change"/> is "key: value",
    /// replacing that key's line (or added when the file has no such key), or a bare "key", removing it.
    /// </summary>
    private static string Fields(string[] fields, string change, string indent)
    {
        var lines = fields.ToList();
        foreach (var line in change.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = line.Split(':')[0];
            var at = lines.FindIndex(l => l.Split(':')[0] == key);
            if (!line.Contains(':', StringComparison.Ordinal))
            {
                lines.RemoveAt(at);
            }
            else if (at >= 0)
            {
                lines[at] = line;
            }
            else
            {
                lines.Add(line);
            }
        }

        return string.Concat(lines.Select(l => indent + l + "\n"));
    }
}
