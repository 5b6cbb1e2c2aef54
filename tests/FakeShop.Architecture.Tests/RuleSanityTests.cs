using NetArchTest.Rules;

namespace FakeShop.Architecture.Tests;

/// <summary>Proves the rule engine can fail, so a green LayerTests run means something.</summary>
public class RuleSanityTests
{
    [Fact]
    public void A_broken_rule_is_reported()
    {
        var web = typeof(FakeShop.Web.ShopHost).Assembly;
        var result = Types.InAssembly(web).ShouldNot().HaveDependencyOn("FakeShop.Application").GetResult();
        Assert.False(result.IsSuccessful);
        Assert.NotEmpty(result.FailingTypeNames);
    }
}
