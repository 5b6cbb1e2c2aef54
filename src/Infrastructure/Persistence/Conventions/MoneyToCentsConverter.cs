using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FakeShop.Infrastructure.Persistence.Conventions;

public sealed class MoneyToCentsConverter() : ValueConverter<Money, long>(m => m.Cents, c => Money.FromCents(c));
