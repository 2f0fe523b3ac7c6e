using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Accounts;

public sealed class KeyProtectionOptions
{
    public const string Section = "Portal:DataProtection";

    /// <summary>A .pfx file with the certificate and its private key; relative paths from the content root.</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The .pfx file's password: from the environment (Portal__DataProtection__CertificatePassword), never a file in the repository.</summary>
    public string CertificatePassword { get; set; } = string.Empty;

    /// <summary>Instead of a file: the thumbprint of a certificate in the CurrentUser or LocalMachine "My" store.</summary>
    public string CertificateThumbprint { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and email links are kept where a
/// restart (or a new container) finds them, so that it does not sign everyone out or break the
/// links. On a database shared by several nodes they are in its DataProtectionKeys table, so that
/// a cookie or a link made by one node opens on every node. On SQLite (one node) they stay in
/// data/keys, beside the database: nothing to share, the backup copies that folder, and an
/// upgrade keeps the keys already there (moving them would sign everyone out once). Whoever reads
/// the keys can forge a sign-in as anyone, Admin included, so with a certificate configured they
/// are encrypted with it before they are stored, in either place: a copy of the data folder or a
/// dump of the database is useless without the certificate, which is kept elsewhere.
/// </summary>
public static class KeyProtection
{
    /// <summary>The key ring's name where nodes share it (see the options set in AddKeyProtection).</summary>
    public const string SharedApplicationName = "Portal";

    /// <summary>Where the framework warns "No XML encryptor configured", which says what is wrong but not what to set.</summary>
    private const string FrameworkWarningCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>
    /// The certificate is loaded here, while the services are registered, because the framework
    /// takes it as an object for decryption; a configured certificate that cannot be loaded fails
    /// the options' validation, so the start stops with one line naming the setting (better than
    /// keys written in the clear).
    /// </summary>
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        X509Certificate2? certificate = null;
        string? problem = null;
        try
        {
            certificate = KeyCertificate.Load(configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new(), environment.ContentRootPath);
        }
        catch (InvalidOperationException e)
        {
            problem = e.Message;
        }

        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section)
            .Validate(_ => problem is null, problem ?? string.Empty).ValidateOnStart();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseSettings, DataFolder, IServiceProvider, ILoggerFactory>((options, database, folder, services, loggers) =>
            options.XmlRepository = database.IsSharedByNodes
                ? new EntityFrameworkCoreXmlRepository<PortalDbContext>(services, loggers)
                : new FileSystemXmlRepository(new DirectoryInfo(folder.Folder(DataFolder.KeysFolder)), loggers));

        // Without a name of its own, the key ring is set apart by the content root's path, which
        // may differ between nodes (another install folder): named, a cookie made by one node opens
        // on all. Only where keys are shared, because a new name invalidates every cookie and
        // emailed link made under the old one.
        services.AddOptions<DataProtectionOptions>().Configure<DatabaseSettings>((options, database) =>
        {
            if (database.IsSharedByNodes)
            {
                options.ApplicationDiscriminator = SharedApplicationName;
            }
        });
        if (certificate is not null)
        {
            // Encrypts new keys, and decrypts with this certificate even when it is not in the machine's store.
            services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        }

        services.AddLogging(logging => logging.AddFilter(FrameworkWarningCategory, LogLevel.Error));
        services.AddHostedService(sp => new KeyProtectionCheck(
            certificate is not null, sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILogger<KeyProtectionCheck>>()));
        return services;
    }

    /// <summary>
    /// Outside Development, keys without a certificate are one warning at start-up that says what
    /// to set, in place of the framework's (which it logs only when it makes a key).
    /// </summary>
    private sealed class KeyProtectionCheck(bool encrypted, DatabaseSettings database, IHostEnvironment environment, ILogger<KeyProtectionCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!encrypted && !environment.IsDevelopment())
            {
                logger.LogWarning(
                    "Data-protection keys (sign-in cookies, email links) are stored unencrypted in {Place}: set {PathSetting} to a .pfx certificate (its password in the environment variable {PasswordVariable}) or {ThumbprintSetting} to a certificate in the machine's store",
                    database.IsSharedByNodes ? "the database's DataProtectionKeys table" : $"the data folder's {DataFolder.KeysFolder} folder",
                    $"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificatePath)}",
                    $"{KeyProtectionOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(KeyProtectionOptions.CertificatePassword)}",
                    $"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.CertificateThumbprint)}");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal static class KeyCertificate
{
    /// <summary>The configured certificate with its private key; null when none is configured.</summary>
    public static X509Certificate2? Load(KeyProtectionOptions options, string contentRoot)
    {
        if (!options.IsConfigured)
        {
            return null;
        }

        X509Certificate2 certificate;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = Path.GetFullPath(Path.Combine(contentRoot, options.CertificatePath));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{KeyProtectionOptions.Section}:{nameof(options.CertificatePath)}: no file at {path}.");
            }

            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new InvalidOperationException(
                    $"{KeyProtectionOptions.Section}:{nameof(options.CertificatePath)}: {path} cannot be read as a .pfx with the password given in {KeyProtectionOptions.Section}:{nameof(options.CertificatePassword)} ({e.Message}).", e);
            }
        }
        else
        {
            certificate = FindInStores(options.CertificateThumbprint.Trim())
                ?? throw new InvalidOperationException(
                    $"{KeyProtectionOptions.Section}:{nameof(options.CertificateThumbprint)}: no certificate {options.CertificateThumbprint} in the CurrentUser or LocalMachine \"My\" store.");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{KeyProtectionOptions.Section}: the certificate {certificate.Thumbprint} has no private key; the keys could be encrypted but never read again.");
        }

        return certificate;
    }

    private static X509Certificate2? FindInStores(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        return null;
    }
}
