using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FakeShop.Infrastructure.Persistence.Conventions;

public sealed class MoneyToDecimalConverter() : ValueConverter<Money, decimal>(m => m.Amount, d => new Money(d));
