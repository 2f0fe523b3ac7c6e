using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Data;
using Portal.Tests.Admin.Users;

namespace Portal.Tests.Accounts;

/// <summary>The app with its data-protection keys encrypted by a self-signed certificate in a .pfx beside the data folder.</summary>
public class CertificatePortalFactory : PortalFactory
{
    public const string CertificatePassword = "sertifikat-uji-2025";

    private readonly bool _ownsCertificate;

    public CertificatePortalFactory()
        : this(NewDataPath())
    {
    }

    protected CertificatePortalFactory(string dataPath)
        : base(dataPath)
    {
        CertificatePath = Path.Combine(dataPath + "-sertifikat", "kunci.pfx");
        if (!File.Exists(CertificatePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CertificatePath)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Portal Pelatihan Uji", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
            _ownsCertificate = true;
        }
    }

    public string CertificatePath { get; }

    public string KeysFolder => Path.Combine(DataPath, DataFolder.KeysFolder);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Dispose and DisposeAsync both come here.
        if (disposing && _ownsCertificate && Directory.Exists(Path.GetDirectoryName(CertificatePath)))
        {
            Directory.Delete(Path.GetDirectoryName(CertificatePath)!, recursive: true);
        }
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificatePath)}"] = CertificatePath,
        [$"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificatePassword)}"] = CertificatePassword,
    };
}

/// <summary>The same certificate and data folder, started again (a restart reads the keys from disk).</summary>
public sealed class RestartedCertificatePortalFactory(string dataPath) : CertificatePortalFactory(dataPath);

/// <summary>The key ring as stored: files in data/keys on SQLite, rows of the shared database on PostgreSQL (see KeyProtection).</summary>
internal static class StoredKeys
{
    public static async Task<List<string>> ReadAsync(PortalFactory factory)
    {
        if (TestDatabase.IsPostgreSql)
        {
            Assert.False(Directory.Exists(Path.Combine(factory.DataPath, DataFolder.KeysFolder)) && Directory.EnumerateFiles(Path.Combine(factory.DataPath, DataFolder.KeysFolder)).Any(),
                "On a shared database no key may be left in one node's data folder.");
            return await factory.WithDbAsync(db => db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync());
        }

        var keys = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(factory.DataPath, DataFolder.KeysFolder), "*.xml").Order(StringComparer.Ordinal))
        {
            keys.Add(await File.ReadAllTextAsync(file));
        }

        return keys;
    }
}

public class KeyProtectionTests(CertificatePortalFactory factory) : IClassFixture<CertificatePortalFactory>
{
    [Fact]
    public async Task With_a_certificate_the_keys_are_encrypted_at_rest_and_sign_in_still_works()
    {
        var user = await factory.CreateJobSeekerAsync();
        await factory.SignedInClientAsync(user.Email!);
        var protectedByFirstStart = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("uji").Protect("rahasia");

        var keys = await StoredKeys.ReadAsync(factory);
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("stored unencrypted", StringComparison.Ordinal));

        // A new process has only the stored keys and the certificate: it decrypts the same key and signs in.
        using var restarted = new RestartedCertificatePortalFactory(factory.DataPath);
        Assert.Equal("rahasia", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("uji").Unprotect(protectedByFirstStart));
        await restarted.SignedInClientAsync(user.Email!);
        Assert.Equal(keys, await StoredKeys.ReadAsync(restarted));
    }
}

public class UnencryptedKeysInProductionTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task Without_a_certificate_production_says_in_one_line_what_to_configure()
    {
        await factory.SignedInClientAsync((await factory.CreateJobSeekerAsync()).Email!);

        var warning = Assert.Single(factory.Logs.Lines, line => line.Contains("stored unencrypted", StringComparison.Ordinal));
        Assert.Contains("Portal:DataProtection:CertificatePath", warning, StringComparison.Ordinal);
        Assert.Contains("Portal__DataProtection__CertificatePassword", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("No XML encryptor", StringComparison.Ordinal));
        Assert.Contains("<masterKey", (await StoredKeys.ReadAsync(factory))[0], StringComparison.Ordinal);
    }
}

public class KeysInDevelopmentTests(DevelopmentPortalFactory factory) : IClassFixture<DevelopmentPortalFactory>
{
    [Fact]
    public async Task Development_warns_about_no_certificate_at_all()
    {
        await factory.SignedInClientAsync((await factory.CreateJobSeekerAsync()).Email!);

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("stored unencrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("No XML encryptor", StringComparison.Ordinal));
    }
}

public class KeyCertificateMissingTests
{
    [Fact]
    public void A_configured_certificate_that_cannot_be_loaded_stops_the_start_naming_the_setting()
    {
        using var factory = new MissingCertificateFactory();

        var log = factory.StartFailure();

        Assert.Contains("Portal tidak dimulai, konfigurasi salah: Portal:DataProtection:CertificatePath: no file at", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(factory.DataPath, DataFolder.KeysFolder)) && Directory.EnumerateFiles(Path.Combine(factory.DataPath, DataFolder.KeysFolder)).Any(),
            "No key may be written in the clear when the certificate is missing.");
    }

    private sealed class MissingCertificateFactory : PortalFactory
    {
        protected override string EnvironmentName => "Production";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificatePath)}"] = Path.Combine(DataPath, "tidak-ada.pfx"),
        };
    }
}
