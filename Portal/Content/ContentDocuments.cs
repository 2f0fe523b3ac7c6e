namespace Portal.Content;

// The shapes of the YAML front matter in content/ (see content/README.md). Everything is
// optional here so that a missing field is reported by ContentParser with its name.

public sealed class NewsFrontMatter
{
    public string? Title { get; set; }

    public string? Date { get; set; }

    public string? Updated { get; set; }

    public string? Summary { get; set; }

    public List<string>? Tags { get; set; }

    public string? Programme { get; set; }

    public string? Cover { get; set; }

    public string? CoverAlt { get; set; }

    public string? Author { get; set; }
}

public sealed class ProgrammeFrontMatter
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public int? Order { get; set; }

    public List<BatchFrontMatter>? Batches { get; set; }
}

public sealed class FaqFrontMatter
{
    public string? Question { get; set; }

    public int? Order { get; set; }

    public List<string>? Keywords { get; set; }
}

public sealed class BatchFrontMatter
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Funding { get; set; }

    public string? Provider { get; set; }

    public string? Location { get; set; }

    public int? Seats { get; set; }

    public int? RegistrationCap { get; set; }

    public string? RegistrationOpens { get; set; }

    public string? RegistrationCloses { get; set; }

    public string? TrainingStarts { get; set; }

    public string? TrainingEnds { get; set; }

    public int? MinAge { get; set; }

    public int? MaxAge { get; set; }

    public string? MinEducation { get; set; }

    public bool? ResidentsOnly { get; set; }

    public bool? Demo { get; set; }

    /// <summary>What an applicant brings to the office (content/README.md: documents).</summary>
    public List<string?>? Documents { get; set; }

    public RecordedOutcomeFrontMatter? RecordedOutcome { get; set; }
}

/// <summary>The office's figures for a batch run on paper; the breakdowns are keyed as content/README.md lists.</summary>
public sealed class RecordedOutcomeFrontMatter
{
    public int? Applicants { get; set; }

    public int? Participants { get; set; }

    public int? Completed { get; set; }

    public int? Placed { get; set; }

    public Dictionary<string, int>? ParticipantsByKecamatan { get; set; }

    public Dictionary<string, int>? ParticipantsByGender { get; set; }
}
