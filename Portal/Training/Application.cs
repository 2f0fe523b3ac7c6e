using Portal.Accounts;

namespace Portal.Training;

/// <summary>
/// One job seeker's application (pendaftaran) to one batch. Besides the link to the account it
/// keeps a snapshot of the few facts batch statistics need (kecamatan, education, gender, age), so
/// that when the account is deleted and the application anonymised the statistics still add up.
/// </summary>
public class Application
{
    public const int MotivationMaxLength = 1000;
    public const int NoteMaxLength = 500;

    public int Id { get; set; }

    /// <summary>
    /// The number the applicant and the public announcement know it by ("PLT-2026-483920"), see
    /// <see cref="RegistrationNumbers"/>. Null only for an application stored before numbers
    /// existed, until the start-up numbering (<see cref="RegistrationNumbering"/>) gives it one.
    /// </summary>
    public string? RegistrationNumber { get; set; }

    public int BatchId { get; set; }

    public Batch? Batch { get; set; }

    /// <summary>The applicant's account; null once the account is deleted (anonymised).</summary>
    public string? UserId { get; set; }

    /// <summary>A concurrency token: two changes made from the same status cannot both be saved.</summary>
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Diajukan;

    public string? Motivation { get; set; }

    /// <summary>Proof of consent (UU PDP Art. 22, 24): which text was shown, and when it was accepted.</summary>
    public required string ConsentTextVersion { get; set; }

    public DateTime ConsentedAtUtc { get; set; }

    /// <summary>A parent or guardian consented, for an applicant under 18 on the day of applying (UU PDP Art. 25).</summary>
    public bool GuardianConsent { get; set; }

    public Kecamatan Kecamatan { get; set; }

    public EducationLevel Education { get; set; }

    public Gender Gender { get; set; }

    /// <summary>Age on the first training day, the age the batch's rule is about.</summary>
    public int AgeAtStart { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<ApplicationStatusChange> History { get; set; } = [];

    public bool IsAnonymised => UserId is null;

    /// <summary>A new application in status Diajukan, its first history entry included.</summary>
    public static Application Submit(
        Batch batch, string userId, JobSeekerProfile profile, string? motivation, string consentTextVersion, bool guardianConsent, DateTime nowUtc,
        string registrationNumber)
    {
        var application = new Application
        {
            RegistrationNumber = registrationNumber,
            BatchId = batch.Id,
            UserId = userId,
            Status = ApplicationStatus.Diajukan,
            Motivation = string.IsNullOrWhiteSpace(motivation) ? null : motivation.Trim(),
            ConsentTextVersion = consentTextVersion,
            ConsentedAtUtc = nowUtc,
            GuardianConsent = guardianConsent,
            Kecamatan = profile.Kecamatan,
            Education = profile.Education,
            Gender = profile.Gender,
            AgeAtStart = profile.AgeOn(batch.TrainingStartsOn),
            CreatedAtUtc = nowUtc,
        };
        application.History.Add(new ApplicationStatusChange { From = null, To = ApplicationStatus.Diajukan, AtUtc = nowUtc, ByUserId = userId });
        return application;
    }

    /// <summary>
    /// Moves to another status and records who did it and why. The caller checks
    /// <see cref="ApplicationStatuses.CanChangeTo"/> first; a move the rules forbid is a bug.
    /// </summary>
    public ApplicationStatusChange ChangeStatus(ApplicationStatus to, string? byUserId, string? note, DateTime nowUtc)
    {
        if (!Status.CanChangeTo(to))
        {
            throw new InvalidOperationException($"An application cannot go from {Status} to {to}.");
        }

        var change = new ApplicationStatusChange { From = Status, To = to, AtUtc = nowUtc, ByUserId = byUserId, Note = note };
        History.Add(change);
        Status = to;
        return change;
    }

    /// <summary>Forgets the person and keeps the statistics: the account link, free text and notes go.</summary>
    public void Anonymise()
    {
        foreach (var change in History)
        {
            change.Note = null;
            if (change.ByUserId == UserId)
            {
                change.ByUserId = null;
            }
        }

        UserId = null;
        Motivation = null;
    }
}

/// <summary>One step in an application's history: the status it left, the status it reached, when and by whom.</summary>
public class ApplicationStatusChange
{
    public int Id { get; set; }

    public int ApplicationId { get; set; }

    /// <summary>Null for the submission itself.</summary>
    public ApplicationStatus? From { get; set; }

    public ApplicationStatus To { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The applicant or a member of staff; null once that account is deleted.</summary>
    public string? ByUserId { get; set; }

    public string? Note { get; set; }
}
