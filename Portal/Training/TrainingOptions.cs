namespace Portal.Training;

/// <summary>Settings of the training pages (section Portal:Training).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Portal:Training";

    /// <summary>
    /// Whether a batch's public results page shows applicants' names beside their registration
    /// numbers. Off unless the office turns it on: a name in a public list is personal data
    /// published (UU PDP), and the number alone lets each applicant find their own result.
    /// </summary>
    public bool ShowNamesInResults { get; set; }
}
