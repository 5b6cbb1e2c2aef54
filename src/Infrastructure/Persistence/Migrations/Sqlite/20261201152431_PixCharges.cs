using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FakeShop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PixCharges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PixBrCode",
                table: "orders",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PixPaidEventId",
                table: "orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PixTxId",
                table: "orders",
                type: "TEXT",
                maxLength: 25,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_PixTxId",
                table: "orders",
                column: "PixTxId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_PixTxId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PixBrCode",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PixPaidEventId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PixTxId",
                table: "orders");
        }
    }
}
