namespace Portal.Training;

/// <summary>
/// What a batch's author states about it, whether a content file or an operator's form: who runs
/// it where, its registration window, its training dates and who may apply. Seats are not among
/// them: they may never drop below the applicants already accepted, which each author checks its
/// own way. <see cref="RequiredDocuments"/> are what an applicant brings to the office
/// (KTP, AK-1…), in the order the author gives.
/// </summary>
public sealed record BatchTerms(
    string Name,
    FundingSource Funding,
    string Provider,
    string Location,
    int? RegistrationCap,
    DateTime RegistrationOpensAtUtc,
    DateTime RegistrationClosesAtUtc,
    DateOnly TrainingStartsOn,
    DateOnly TrainingEndsOn,
    int? MinAge,
    int? MaxAge,
    EducationLevel? MinEducation,
    bool ResidentsOnly,
    IReadOnlyList<string> RequiredDocuments);
