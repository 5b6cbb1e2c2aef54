using System.Reflection;
using NetArchTest.Rules;

namespace FakeShop.Architecture.Tests;

/// <summary>The dependency rule of the architecture contract, checked on the compiled assemblies.</summary>
public class LayerTests
{
    private static readonly Assembly Domain = typeof(FakeShop.Domain.Catalog.Product).Assembly;
    private static readonly Assembly Application = typeof(FakeShop.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(FakeShop.Infrastructure.DependencyInjection).Assembly;

    [Fact]
    public void Domain_references_only_the_base_library()
    {
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(referenced, name => Assert.True(name == "netstandard" || name.StartsWith("System", StringComparison.Ordinal), name));
    }

    [Fact]
    public void Domain_depends_on_no_other_layer_or_framework()
    {
        AssertRule(Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "FakeShop.Application", "FakeShop.Infrastructure", "FakeShop.Web", "Microsoft.EntityFrameworkCore", "Mediator", "FluentValidation", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Application_does_not_depend_on_infrastructure_web_providers_or_aspnetcore()
    {
        AssertRule(Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(
            "FakeShop.Infrastructure", "FakeShop.Web", "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.Data.Sqlite",
            "Microsoft.EntityFrameworkCore.Relational", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Application_references_only_the_allowed_assemblies()
    {
        string[] allowed = ["FakeShop.Domain", "Mediator", "FluentValidation", "FluentValidation.", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions."];
        var referenced = Application.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard");
        var unexpected = referenced.Where(name => !allowed.Any(a => name == a || (a.EndsWith('.') && name.StartsWith(a, StringComparison.Ordinal)))).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected references: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_web()
    {
        AssertRule(Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("FakeShop.Web"));
    }

    [Fact]
    public void Every_request_has_a_handler_in_the_same_use_case_folder()
    {
        var requests = Types.InAssembly(Application).That().ImplementInterface(typeof(Mediator.IMessage)).GetTypes()
            .Where(t => !t.IsAbstract).ToList();
        Assert.NotEmpty(requests);
        var handlers = Application.GetTypes().Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal)).ToList();
        Assert.All(requests, request => Assert.Contains(handlers, h => h.Namespace == request.Namespace));
    }

    [Fact]
    public void Handlers_are_sealed_and_not_public_state_holders()
    {
        AssertRule(Types.InAssembly(Application).That().HaveNameEndingWith("Handler").Should().BeSealed());
    }

    [Fact]
    public void Pages_do_not_touch_the_database_directly()
    {
        var web = typeof(FakeShop.Web.ShopHost).Assembly;
        AssertRule(Types.InAssembly(web).That().ResideInNamespace("FakeShop.Web.Pages").And().DoNotResideInNamespace("FakeShop.Web.Pages.Admin")
            .ShouldNot().HaveDependencyOnAny("FakeShop.Infrastructure.Persistence", "Microsoft.EntityFrameworkCore"));
    }

    private static void AssertRule(ConditionList rule)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
