using FakeShop.Application.Carts.AddToCart;
using FakeShop.Application.Carts.ViewCart;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Application.Tests;

/// <summary>Add to cart on SQLite (SqliteCartItemWriter): the same rules and the same merging as on PostgreSQL.</summary>
public sealed class SqliteCartTests(SqliteFixture sqlite) : IClassFixture<SqliteFixture>
{
    private async Task<T> Send<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = sqlite.Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private Task<int> ProductId(string slug) =>
        sqlite.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task Adds_merge_and_respect_stock_99_and_sold_out()
    {
        var visitor = Guid.NewGuid();
        var camera = await ProductId("camera-dslr-pro"); // 6 in stock
        var mic = await ProductId("braco-articulado-mic"); // sold out

        Assert.Equal(4, await Send(m => m.Send(new AddToCartCommand(visitor, camera, 4))));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => Send(m => m.Send(new AddToCartCommand(visitor, camera, 3))));
        Assert.Equal("cart.not_enough_stock", tooMany.Code);
        Assert.Equal(6, await Send(m => m.Send(new AddToCartCommand(visitor, camera, 2))));

        var soldOut = await Assert.ThrowsAsync<DomainException>(() => Send(m => m.Send(new AddToCartCommand(visitor, mic, 1))));
        Assert.Equal("cart.sold_out", soldOut.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new AddToCartCommand(visitor, 999_999, 1))));

        var cart = await Send(m => m.Send(new ViewCartCommand(visitor)));
        var line = Assert.Single(cart.Lines);
        Assert.Equal((camera, 6), (line.ProductId, line.Quantity));
        Assert.Equal(6 * 5499.00m, cart.Subtotal.Amount);
    }

    [Fact]
    public async Task A_line_stops_at_99_and_concurrent_adds_all_count()
    {
        var visitor = Guid.NewGuid();
        var ring = await ProductId("ring-light-18");
        await sqlite.Factory.WithDbAsync(db => db.Products.Where(p => p.Id == ring).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 500)));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Send(m => m.Send(new AddToCartCommand(visitor, ring, 10))))));
        Assert.Equal(60, (await Send(m => m.Send(new ViewCartCommand(visitor)))).Lines.Single().Quantity);

        Assert.Equal(98, await Send(m => m.Send(new AddToCartCommand(visitor, ring, 38))));
        var max = await Assert.ThrowsAsync<DomainException>(() => Send(m => m.Send(new AddToCartCommand(visitor, ring, 2))));
        Assert.Equal("cart.line_max", max.Code);
        Assert.Equal(99, await Send(m => m.Send(new AddToCartCommand(visitor, ring, 1))));
    }
}
