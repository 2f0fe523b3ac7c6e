using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NikReviewAndEmailBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JobSeekerProfiles_Nik",
                table: "JobSeekerProfiles");

            migrationBuilder.AddColumn<DateOnly>(
                name: "NikChangeDay",
                table: "JobSeekerProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NikChangesThatDay",
                table: "JobSeekerProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "NikNeedsReview",
                table: "JobSeekerProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NikReviewReason",
                table: "JobSeekerProfiles",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NikReviewSinceUtc",
                table: "JobSeekerProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailBudgetWindows",
                columns: table => new
                {
                    AddressHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailBudgetWindows", x => x.AddressHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobSeekerProfiles_Nik",
                table: "JobSeekerProfiles",
                column: "Nik");

            migrationBuilder.CreateIndex(
                name: "IX_JobSeekerProfiles_NikNeedsReview",
                table: "JobSeekerProfiles",
                column: "NikNeedsReview");

            migrationBuilder.CreateIndex(
                name: "IX_EmailBudgetWindows_StartedAtUtc",
                table: "EmailBudgetWindows",
                column: "StartedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailBudgetWindows");

            migrationBuilder.DropIndex(
                name: "IX_JobSeekerProfiles_Nik",
                table: "JobSeekerProfiles");

            migrationBuilder.DropIndex(
                name: "IX_JobSeekerProfiles_NikNeedsReview",
                table: "JobSeekerProfiles");

            migrationBuilder.DropColumn(
                name: "NikChangeDay",
                table: "JobSeekerProfiles");

            migrationBuilder.DropColumn(
                name: "NikChangesThatDay",
                table: "JobSeekerProfiles");

            migrationBuilder.DropColumn(
                name: "NikNeedsReview",
                table: "JobSeekerProfiles");

            migrationBuilder.DropColumn(
                name: "NikReviewReason",
                table: "JobSeekerProfiles");

            migrationBuilder.DropColumn(
                name: "NikReviewSinceUtc",
                table: "JobSeekerProfiles");

            migrationBuilder.CreateIndex(
                name: "IX_JobSeekerProfiles_Nik",
                table: "JobSeekerProfiles",
                column: "Nik",
                unique: true);
        }
    }
}
