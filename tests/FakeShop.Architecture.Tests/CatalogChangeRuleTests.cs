using System.Reflection;
using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Architecture.Tests;

/// <summary>
/// The page cache is only as fresh as the signals it gets. A command that can change what the public catalogue
/// shows must be marked IChangesCatalog, so that this instance drops its cached pages the moment it commits. Every
/// back-office command and checkout (stock) is such a command unless it is named here with the reason it is not.
/// </summary>
public class CatalogChangeRuleTests
{
    private static readonly Assembly Application = typeof(FakeShop.Application.DependencyInjection).Assembly;

    /// <summary>Commands in the catalogue-changing namespaces that cannot change the catalogue, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal);

    [Fact]
    public void Every_back_office_command_and_checkout_signals_a_catalogue_change()
    {
        var commands = Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsCommand))
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("FakeShop.Application.Admin.", StringComparison.Ordinal)
                || ns.StartsWith("FakeShop.Application.Checkout.", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(commands);
        var unmarked = commands
            .Where(t => !typeof(IChangesCatalog).IsAssignableFrom(t) && !Exempt.ContainsKey(t.Name))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(unmarked.Count == 0, "Not marked IChangesCatalog (mark it, or exempt it with a reason): " + string.Join(", ", unmarked));
    }

    [Fact]
    public void Queries_never_claim_to_change_the_catalogue()
    {
        var queries = Application.GetTypes()
            .Where(t => typeof(IChangesCatalog).IsAssignableFrom(t) && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>)))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(queries);
    }

    private static bool IsCommand(Type i) =>
        i == typeof(ICommand) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
}
