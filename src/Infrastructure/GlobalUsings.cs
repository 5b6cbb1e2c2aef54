// EF Core and the domain's basics, which nearly every persistence file (entity configurations, stores, writers)
// imports: one place for what every file needs.
global using FakeShop.Domain.Common;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
