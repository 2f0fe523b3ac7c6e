namespace Portal.Training;

public enum FundingSource
{
    /// <summary>City budget (Anggaran Pendapatan dan Belanja Daerah): for residents of Kota Serang.</summary>
    Apbd,

    /// <summary>National budget (Anggaran Pendapatan dan Belanja Negara).</summary>
    Apbn,
}

public static class FundingSourceText
{
    public static string Code(this FundingSource source) => source == FundingSource.Apbd ? "APBD" : "APBN";

    public static string Description(this FundingSource source) => source == FundingSource.Apbd
        ? "APBD Kota Serang"
        : "APBN (Kementerian Ketenagakerjaan)";
}
