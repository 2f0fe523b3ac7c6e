using Portal.Accounts;

namespace Portal.Training;

/// <summary>
/// What the office recorded about a batch whose applicants were handled on paper, before the
/// portal existed (the 2025 batches in content/). Kept as aggregates, never as made-up
/// applications, so the statistics can show them beside the counted figures and never count a
/// person twice: a batch with a recorded outcome is not counted from applications.
/// Stored as JSON on the batch's row (a handful of batches ever carry one).
/// </summary>
public sealed class RecordedOutcome
{
    /// <summary>People who applied.</summary>
    public int Applicants { get; set; }

    /// <summary>People accepted who took part (Diterima).</summary>
    public int Participants { get; set; }

    /// <summary>Participants who finished the training (Selesai).</summary>
    public int Completed { get; set; }

    /// <summary>Participants placed with an employer (Ditempatkan).</summary>
    public int Placed { get; set; }

    /// <summary>Participants by kecamatan, where the office knows them (empty when it does not).</summary>
    public List<RecordedKecamatanCount> ParticipantsByKecamatan { get; set; } = [];

    /// <summary>Participants by gender, where the office knows them (empty when it does not).</summary>
    public List<RecordedGenderCount> ParticipantsByGender { get; set; } = [];
}

public sealed class RecordedKecamatanCount
{
    public Kecamatan Kecamatan { get; set; }

    public int Participants { get; set; }
}

public sealed class RecordedGenderCount
{
    public Gender Gender { get; set; }

    public int Participants { get; set; }
}
