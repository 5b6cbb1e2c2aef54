// What nearly every use-case test imports (the fixture, the unit of work, the use cases most scenarios start
// with): one place instead of the same block atop each test class.
global using FakeShop.Application.Carts.AddToCart;
global using FakeShop.Application.Checkout.PlaceOrder;
global using FakeShop.Domain.Common;
global using FakeShop.Domain.Ordering;
global using FakeShop.Infrastructure.Payments;
global using FakeShop.Testing;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
