using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Accounts;
using Portal.News;
using Portal.Search;
using Portal.Training;

namespace Portal.Data;

/// <summary>
/// The one DbContext: content, training and Identity. Kept provider-neutral (no SQL of one
/// database) so PostgreSQL can replace SQLite later; SQLite specifics live in DatabaseSetup.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<Batch> Batches => Set<Batch>();

    /// <summary>Append-only log that search indexes follow (see <see cref="SearchChange"/>).</summary>
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();

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
            article.HasIndex(a => new { a.Status, a.PublishedAtUtc });
            article.Property(a => a.Slug).HasMaxLength(160);
            article.Property(a => a.Title).HasMaxLength(200);
            article.Property(a => a.Summary).HasMaxLength(500);
            article.Property(a => a.Author).HasMaxLength(120);
            article.Property(a => a.CoverImagePath).HasMaxLength(300);
            article.Property(a => a.CoverImageAlt).HasMaxLength(300);
            article.Property(a => a.ContentHash).HasMaxLength(64);
            article.HasOne(a => a.Programme).WithMany().OnDelete(DeleteBehavior.SetNull);
            article.HasMany(a => a.Topics).WithMany(t => t.Articles).UsingEntity("ArticleTopics");
        });

        builder.Entity<Topic>(topic =>
        {
            topic.HasIndex(t => t.Slug).IsUnique();
            topic.Property(t => t.Slug).HasMaxLength(80);
            topic.Property(t => t.Name).HasMaxLength(80);
        });

        builder.Entity<Programme>(programme =>
        {
            programme.HasIndex(p => p.Slug).IsUnique();
            programme.Property(p => p.Slug).HasMaxLength(160);
            programme.Property(p => p.Title).HasMaxLength(200);
            programme.Property(p => p.Summary).HasMaxLength(500);
            programme.Property(p => p.ContentHash).HasMaxLength(64);
            programme.HasMany(p => p.Batches).WithOne(b => b.Programme).HasForeignKey(b => b.ProgrammeId);
        });

        builder.Entity<Batch>(batch =>
        {
            batch.HasIndex(b => b.Key).IsUnique();
            batch.Property(b => b.Key).HasMaxLength(120);
            batch.Property(b => b.Name).HasMaxLength(200);
            batch.Property(b => b.Provider).HasMaxLength(200);
            batch.Property(b => b.Location).HasMaxLength(300);
            batch.Property(b => b.ContentHash).HasMaxLength(64);
        });

        builder.Entity<SearchChange>(change => change.HasKey(c => c.Id));
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
