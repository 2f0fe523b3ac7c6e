using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>The importer and the staff editor both store a batch through <see cref="Batch.SetTerms"/>.</summary>
public class BatchTermsTests
{
    [Fact]
    public void Setting_the_terms_stores_each_value_in_its_own_field()
    {
        // Every value differs from the batch's before and from its neighbours of the same type, so a swap shows.
        var terms = new BatchTerms(
            Name: "Gelombang 2",
            Funding: FundingSource.Apbn,
            Provider: "LPK Maju Jaya",
            Location: "Taktakan",
            RegistrationCap: 48,
            RegistrationOpensAtUtc: new DateTime(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc),
            RegistrationClosesAtUtc: new DateTime(2026, 1, 20, 17, 0, 0, DateTimeKind.Utc),
            TrainingStartsOn: new DateOnly(2026, 2, 2),
            TrainingEndsOn: new DateOnly(2026, 2, 27),
            MinAge: 18,
            MaxAge: 35,
            MinEducation: EducationLevel.SmaSmk,
            ResidentsOnly: false,
            RequiredDocuments: ["KTP", "Kartu AK-1"]);
        var batch = new Batch { Key = "k", Name = "lama", Provider = "lama", Location = "lama", Funding = FundingSource.Apbd, ResidentsOnly = true };

        batch.SetTerms(terms);

        Assert.Equal("Gelombang 2", batch.Name);
        Assert.Equal(FundingSource.Apbn, batch.Funding);
        Assert.Equal("LPK Maju Jaya", batch.Provider);
        Assert.Equal("Taktakan", batch.Location);
        Assert.Equal(48, batch.RegistrationCap);
        Assert.Equal(terms.RegistrationOpensAtUtc, batch.RegistrationOpensAtUtc);
        Assert.Equal(terms.RegistrationClosesAtUtc, batch.RegistrationClosesAtUtc);
        Assert.Equal(new DateOnly(2026, 2, 2), batch.TrainingStartsOn);
        Assert.Equal(new DateOnly(2026, 2, 27), batch.TrainingEndsOn);
        Assert.Equal(18, batch.MinAge);
        Assert.Equal(35, batch.MaxAge);
        Assert.Equal(EducationLevel.SmaSmk, batch.MinEducation);
        Assert.False(batch.ResidentsOnly);
        Assert.Equal(["KTP", "Kartu AK-1"], batch.RequiredDocuments);
    }
}
