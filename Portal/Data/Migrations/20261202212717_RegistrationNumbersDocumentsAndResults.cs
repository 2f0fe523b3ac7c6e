using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationNumbersDocumentsAndResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequiredDocuments",
                table: "Batches",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "ResultsPublishedAtUtc",
                table: "Batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationNumber",
                table: "Applications",
                type: "TEXT",
                maxLength: 15,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RegistrationNumber",
                table: "Applications",
                column: "RegistrationNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_RegistrationNumber",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RequiredDocuments",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedAtUtc",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "RegistrationNumber",
                table: "Applications");
        }
    }
}
