using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FakeShop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BrazilianAddressAndCpf : Migration
    {
        /// <summary>
        /// Written by hand: the scaffolder paired the old and new address columns by type, not meaning. Existing
        /// orders keep their street (with the number still inside it), complement, city, state as typed and CEP
        /// (as eight digits); they have no separate number, no district and no CPF. Country goes: Brazil only.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(name: "ShipLine1", table: "orders", newName: "ShipStreet");
            migrationBuilder.RenameColumn(name: "ShipLine2", table: "orders", newName: "ShipComplement");
            migrationBuilder.RenameColumn(name: "ShipState", table: "orders", newName: "ShipUf");
            migrationBuilder.RenameColumn(name: "ShipPostalCode", table: "orders", newName: "ShipCep");
            migrationBuilder.Sql("UPDATE orders SET \"ShipCep\" = replace(\"ShipCep\", '-', '');");

            migrationBuilder.DropColumn(name: "ShipCountry", table: "orders");

            migrationBuilder.AddColumn<string>(
                name: "ShipNumber",
                table: "orders",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ShipDistrict",
                table: "orders",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CustomerCpf",
                table: "orders",
                type: "TEXT",
                maxLength: 11,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "CustomerCpf", table: "orders");
            migrationBuilder.DropColumn(name: "ShipDistrict", table: "orders");
            migrationBuilder.DropColumn(name: "ShipNumber", table: "orders");

            migrationBuilder.AddColumn<string>(
                name: "ShipCountry",
                table: "orders",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "Brasil");

            migrationBuilder.RenameColumn(name: "ShipCep", table: "orders", newName: "ShipPostalCode");

            migrationBuilder.Sql("UPDATE orders SET \"ShipPostalCode\" = substr(\"ShipPostalCode\", 1, 5) || '-' || substr(\"ShipPostalCode\", 6);");
            migrationBuilder.RenameColumn(name: "ShipUf", table: "orders", newName: "ShipState");
            migrationBuilder.RenameColumn(name: "ShipComplement", table: "orders", newName: "ShipLine2");
            migrationBuilder.RenameColumn(name: "ShipStreet", table: "orders", newName: "ShipLine1");
        }
    }
}
