using Portal.Accounts;
using Portal.Training;

namespace Portal.Content;

/// <summary>What every parsed content file gives the importer: its slug, the hash that says whether it changed, its Markdown.</summary>
public abstract record ParsedContent(string Slug, string Hash, string Body);

public sealed record ParsedArticle(string Slug, string Hash, string Title, string Summary, DateTime PublishedAtUtc, DateTime UpdatedAtUtc,
    IReadOnlyList<string> Tags, string? Programme, string? Cover, string? CoverAlt, string? Author, string Body) : ParsedContent(Slug, Hash, Body);

public sealed record ParsedProgramme(string Slug, string Hash, string Title, string Summary, int Order, string Body,
    IReadOnlyList<ParsedBatch> Batches) : ParsedContent(Slug, Hash, Body);

/// <summary>One question of /tanya-jawab: read at start-up, never stored in the database (see <see cref="Help.FaqContent"/>).</summary>
public sealed record ParsedFaq(string Slug, string Question, int Order, IReadOnlyList<string> Keywords, string Body);

public sealed record ParsedBatch(string Key, string Name, FundingSource Funding, string Provider, string Location, int Seats,
    int? RegistrationCap, DateTime OpensUtc, DateTime ClosesUtc, DateOnly Starts, DateOnly Ends, int? MinAge, int? MaxAge,
    EducationLevel? MinEducation, bool ResidentsOnly, bool IsDemo, ParsedOutcome? Outcome = null)
{
    public IReadOnlyList<string> Documents { get; init; } = [];

    public BatchTerms Terms => new(Name, Funding, Provider, Location, RegistrationCap, OpensUtc, ClosesUtc, Starts, Ends,
        MinAge, MaxAge, MinEducation, ResidentsOnly, Documents);
}

/// <summary>
/// A batch's recorded outcome as its file states it. <paramref name="Held"/> while the training
/// still runs on the day of import: the figures are stored only from the day after it ends.
/// </summary>
public sealed record ParsedOutcome(int Applicants, int Participants, int Completed, int Placed,
    IReadOnlyDictionary<Kecamatan, int> ByKecamatan, IReadOnlyDictionary<Gender, int> ByGender, bool Held)
{
    /// <summary>A new entity each time: an owned JSON value belongs to one batch row of one save.</summary>
    public RecordedOutcome ToRecordedOutcome() => new()
    {
        Applicants = Applicants,
        Participants = Participants,
        Completed = Completed,
        Placed = Placed,
        ParticipantsByKecamatan = [.. ByKecamatan.OrderBy(k => k.Key).Select(k => new RecordedKecamatanCount { Kecamatan = k.Key, Participants = k.Value })],
        ParticipantsByGender = [.. ByGender.OrderBy(g => g.Key).Select(g => new RecordedGenderCount { Gender = g.Key, Participants = g.Value })],
    };
}

/// <summary>A parsed file with the path it was read from, so that a problem found later (rendering, saving) names the file.</summary>
public sealed record ContentFile<T>(string Path, T Content)
    where T : ParsedContent;

/// <summary>The files of one chunk that parsed and need a look, and how many files the chunk held in all.</summary>
public sealed record ContentChunk<T>(IReadOnlyList<ContentFile<T>> Files, int FilesRead)
    where T : ParsedContent;
