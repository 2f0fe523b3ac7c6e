using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Accounts;
using Portal.Admin;
using Portal.Mail;
using Portal.News;
using Portal.Search;
using Portal.Security;
using Portal.Training;

namespace Portal.Data;

/// <summary>
/// The one model: content, training and Identity. Provider-neutral (no SQL of one database); the
/// code asks for PortalDbContext and gets the subclass of the configured provider, which exists
/// only so that each provider keeps its own migrations (Data/Migrations/Sqlite and /PostgreSql,
/// both generated from this model). Provider specifics live in DatabaseSetup.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>The join table of articles and topics (no entity class of its own).</summary>
    public const string ArticleTopicsTable = "ArticleTopics";

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<Batch> Batches => Set<Batch>();

    public DbSet<JobSeekerProfile> JobSeekerProfiles => Set<JobSeekerProfile>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationStatusChange> ApplicationStatusChanges => Set<ApplicationStatusChange>();

    /// <summary>"Ingatkan saya" for batches that open later (see <see cref="BatchReminder"/>).</summary>
    public DbSet<BatchReminder> BatchReminders => Set<BatchReminder>();

    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    public DbSet<ArticleSlugRedirect> ArticleSlugRedirects => Set<ArticleSlugRedirect>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Append-only log that search indexes follow (see <see cref="SearchChange"/>).</summary>
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();

    public DbSet<EmailBudgetWindow> EmailBudgetWindows => Set<EmailBudgetWindow>();

    /// <summary>Emails saved with the change they tell about, until delivered (see <see cref="QueuedEmail"/>).</summary>
    public DbSet<QueuedEmail> QueuedEmails => Set<QueuedEmail>();

    /// <summary>
    /// The key ring that signs cookies and emailed links, when the database is shared by several
    /// nodes (see Accounts/KeyProtection); on a single node's SQLite the keys stay in data/keys.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Work that one node of the cluster does at a time (see <see cref="ClusterLease"/>).</summary>
    public DbSet<Lease> Leases => Set<Lease>();

    /// <summary>Each node's search cursor (see <see cref="SearchFollowers"/>).</summary>
    public DbSet<SearchFollower> SearchFollowers => Set<SearchFollower>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC; the database forgets DateTime.Kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Article>(article =>
        {
            article.HasIndex(a => a.Slug).IsUnique();
            // What the public lists sort and filter by. The list index carries the id (the tie-break of
            // "newest first"), the slug and the update time, so counting, paging and the sitemap read
            // the index alone: in a row those columns sit behind the bodies, kilobytes of overflow pages.
            article.HasIndex(a => new { a.Status, a.PublishedAtUtc, a.Id, a.Slug, a.UpdatedAtUtc });
            article.HasIndex(a => new { a.ProgrammeId, a.Status, a.PublishedAtUtc });
            article.Property(a => a.Slug).HasMaxLength(Slugs.MaxLength);
            article.Property(a => a.Title).HasMaxLength(Article.TitleMaxLength);
            article.Property(a => a.Summary).HasMaxLength(Article.SummaryMaxLength);
            article.Property(a => a.Author).HasMaxLength(Article.AuthorMaxLength);
            article.Property(a => a.CoverImagePath).HasMaxLength(Article.CoverImagePathMaxLength);
            article.Property(a => a.CoverImageAlt).HasMaxLength(Article.CoverImageAltMaxLength);
            article.Property(a => a.ContentHash).HasMaxLength(64);
            article.HasOne(a => a.Programme).WithMany().OnDelete(DeleteBehavior.SetNull);
            article.HasMany(a => a.Topics).WithMany(t => t.Articles).UsingEntity(
                ArticleTopicsTable,
                join => join.HasIndex("TopicsId", "ArticlesId"));
            article.Property(a => a.UpdatedBy).HasMaxLength(256);
            article.Property(a => a.Version).IsConcurrencyToken();
        });

        builder.Entity<ArticleRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            revision.Property(r => r.Title).HasMaxLength(Article.TitleMaxLength);
            revision.Property(r => r.Summary).HasMaxLength(Article.SummaryMaxLength);
            revision.Property(r => r.SavedBy).HasMaxLength(256);
            revision.Property(r => r.SavedByUserId).HasMaxLength(450);
            revision.Property(r => r.Note).HasMaxLength(200);
            revision.HasOne(r => r.Article).WithMany().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ArticleSlugRedirect>(redirect =>
        {
            redirect.HasIndex(r => r.OldSlug).IsUnique();
            redirect.Property(r => r.OldSlug).HasMaxLength(Slugs.MaxLength);
            redirect.HasOne(r => r.Article).WithMany().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => e.AtUtc);
            entry.Property(e => e.ActorUserId).HasMaxLength(450);
            entry.Property(e => e.ActorName).HasMaxLength(256);
            entry.Property(e => e.Target).HasMaxLength(300);
            entry.Property(e => e.Details).HasMaxLength(2000);
        });

        builder.Entity<Topic>(topic =>
        {
            topic.HasIndex(t => t.Slug).IsUnique();
            topic.Property(t => t.Slug).HasMaxLength(Topic.NameMaxLength);
            topic.Property(t => t.Name).HasMaxLength(Topic.NameMaxLength);
        });

        builder.Entity<Programme>(programme =>
        {
            programme.HasIndex(p => p.Slug).IsUnique();
            programme.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
            programme.Property(p => p.Title).HasMaxLength(Programme.TitleMaxLength);
            programme.Property(p => p.Summary).HasMaxLength(Programme.SummaryMaxLength);
            programme.Property(p => p.ContentHash).HasMaxLength(64);
            programme.HasMany(p => p.Batches).WithOne(b => b.Programme).HasForeignKey(b => b.ProgrammeId);
        });

        builder.Entity<Batch>(batch =>
        {
            batch.HasIndex(b => b.Key).IsUnique();
            batch.Property(b => b.Key).HasMaxLength(Slugs.MaxLength);
            batch.Property(b => b.Name).HasMaxLength(Batch.NameMaxLength);
            batch.Property(b => b.Provider).HasMaxLength(Batch.ProviderMaxLength);
            batch.Property(b => b.Location).HasMaxLength(Batch.LocationMaxLength);
            batch.Property(b => b.ContentHash).HasMaxLength(64);
            batch.OwnsOne(b => b.RecordedOutcome, outcome =>
            {
                outcome.ToJson();
                outcome.OwnsMany(o => o.ParticipantsByKecamatan);
                outcome.OwnsMany(o => o.ParticipantsByGender);
            });
        });

        builder.Entity<JobSeekerProfile>(profile =>
        {
            profile.HasKey(p => p.UserId);
            profile.HasOne<PortalUser>().WithOne().HasForeignKey<JobSeekerProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            // Not unique: a NIK typed by a second account is stored, held for an operator's check
            // (NikNeedsReview), rather than refused, since a refusal would tell the typist whose NIK
            // is registered. "One NIK, one person" is kept in ProfileService and by the operators.
            profile.HasIndex(p => p.Nik);
            profile.HasIndex(p => p.NikNeedsReview);
            profile.Property(p => p.NikReviewReason).HasMaxLength(JobSeekerProfile.NikReviewReasonMaxLength);
            profile.Property(p => p.Nik).HasMaxLength(NikRules.Length);
            profile.Property(p => p.FullName).HasMaxLength(JobSeekerProfile.FullNameMaxLength);
            profile.Property(p => p.Phone).HasMaxLength(20);
            profile.Property(p => p.Address).HasMaxLength(JobSeekerProfile.AddressMaxLength);
        });

        builder.Entity<Application>(application =>
        {
            // One application per person per batch; anonymised ones (UserId null) do not collide.
            application.HasIndex(a => new { a.BatchId, a.UserId }).IsUnique();
            application.HasIndex(a => a.UserId);
            // Unique, and the retry of a repeated random draw relies on it (RegistrationNumbers). The
            // column allows null only for rows older than numbers, which RegistrationNumbering fills at start-up.
            application.HasIndex(a => a.RegistrationNumber).IsUnique();
            application.Property(a => a.RegistrationNumber).HasMaxLength(RegistrationNumbers.MaxLength);
            application.HasOne(a => a.Batch).WithMany().HasForeignKey(a => a.BatchId).OnDelete(DeleteBehavior.Restrict);
            application.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
            application.Property(a => a.Status).IsConcurrencyToken();
            application.Property(a => a.Motivation).HasMaxLength(Application.MotivationMaxLength);
            application.Property(a => a.ConsentTextVersion).HasMaxLength(32);
            application.HasMany(a => a.History).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BatchReminder>(reminder =>
        {
            // Subscribing twice is the same subscription; the index keeps it so under concurrency too.
            reminder.HasIndex(r => new { r.BatchId, r.UserId }).IsUnique();
            reminder.HasIndex(r => r.UserId);
            reminder.HasOne(r => r.Batch).WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
            reminder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApplicationStatusChange>(change =>
        {
            change.Property(c => c.Note).HasMaxLength(Application.NoteMaxLength);
            change.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.ByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<SearchChange>(change => change.HasKey(c => c.Id));

        builder.Entity<SearchFollower>(follower =>
        {
            follower.HasKey(f => f.Node);
            follower.Property(f => f.Node).HasMaxLength(ClusterNode.NameMaxLength);
        });

        builder.Entity<EmailBudgetWindow>(window =>
        {
            window.HasKey(w => w.AddressHash);
            window.Property(w => w.AddressHash).HasMaxLength(64);
            window.HasIndex(w => w.StartedAtUtc);
        });

        builder.Entity<QueuedEmail>(email =>
        {
            email.ToTable(QueuedEmail.TableName);
            email.HasIndex(e => e.NextAttemptAtUtc);
            email.Property(e => e.To).HasMaxLength(QueuedEmail.ToMaxLength);
            email.Property(e => e.Subject).HasMaxLength(QueuedEmail.SubjectMaxLength);
            email.Property(e => e.LastError).HasMaxLength(QueuedEmail.LastErrorMaxLength);
        });

        builder.Entity<Lease>(lease =>
        {
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(Lease.NameMaxLength);
            lease.Property(l => l.Holder).HasMaxLength(ClusterNode.NameMaxLength);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
