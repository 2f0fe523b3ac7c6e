using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ArticleListAndSitemapIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTopics_TopicsId",
                table: "ArticleTopics");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ProgrammeId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAtUtc",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTopics_TopicsId_ArticlesId",
                table: "ArticleTopics",
                columns: new[] { "TopicsId", "ArticlesId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ProgrammeId_Status_PublishedAtUtc",
                table: "Articles",
                columns: new[] { "ProgrammeId", "Status", "PublishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAtUtc_Id_Slug_UpdatedAtUtc",
                table: "Articles",
                columns: new[] { "Status", "PublishedAtUtc", "Id", "Slug", "UpdatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTopics_TopicsId_ArticlesId",
                table: "ArticleTopics");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ProgrammeId_Status_PublishedAtUtc",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAtUtc_Id_Slug_UpdatedAtUtc",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTopics_TopicsId",
                table: "ArticleTopics",
                column: "TopicsId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ProgrammeId",
                table: "Articles",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAtUtc",
                table: "Articles",
                columns: new[] { "Status", "PublishedAtUtc" });
        }
    }
}
