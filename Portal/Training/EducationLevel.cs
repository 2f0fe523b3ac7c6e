namespace Portal.Training;

/// <summary>Last completed education, in ascending order so that levels compare with &lt; and &gt;.</summary>
public enum EducationLevel
{
    Sd = 1,
    Smp = 2,
    SmaSmk = 3,
    D1 = 4,
    D2 = 5,
    D3 = 6,
    D4 = 7,
    S1 = 8,
    S2 = 9,
}

public static class EducationLevels
{
    private static readonly Dictionary<EducationLevel, string> Labels = new()
    {
        [EducationLevel.Sd] = "SD",
        [EducationLevel.Smp] = "SMP",
        [EducationLevel.SmaSmk] = "SMA/SMK",
        [EducationLevel.D1] = "D1",
        [EducationLevel.D2] = "D2",
        [EducationLevel.D3] = "D3",
        [EducationLevel.D4] = "D4",
        [EducationLevel.S1] = "S1",
        [EducationLevel.S2] = "S2 atau lebih",
    };

    public static IReadOnlyDictionary<EducationLevel, string> All => Labels;

    public static string Label(this EducationLevel level) => Labels[level];

    /// <summary>Parses the spelling used in content files and forms ("SMA/SMK", "SMA", "S2").</summary>
    public static bool TryParse(string? text, out EducationLevel level)
    {
        var key = (text ?? string.Empty).Trim().ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        EducationLevel? parsed = key switch
        {
            "SD" => EducationLevel.Sd,
            "SMP" => EducationLevel.Smp,
            "SMA/SMK" or "SMA" or "SMK" or "SMA/SMK/SEDERAJAT" => EducationLevel.SmaSmk,
            "D1" => EducationLevel.D1,
            "D2" => EducationLevel.D2,
            "D3" => EducationLevel.D3,
            "D4" => EducationLevel.D4,
            "S1" => EducationLevel.S1,
            "S2" or "S2+" or "S3" => EducationLevel.S2,
            _ => null,
        };
        level = parsed ?? default;
        return parsed is not null;
    }
}
