using System.Reflection;
using System.Text.RegularExpressions;
using Mediator;

namespace FakeShop.Architecture.Tests;

/// <summary>
/// One error model (docs/decisions/0017): a use case answers only what it did; every refusal (not found, conflict,
/// a rule, invalid input) is thrown, and the web layer turns it into an answer in one place. These rules keep a
/// second model from growing back: outcome enums in responses, pages with their own catch blocks, handlers with
/// their own "someone else saved first" handling.
/// </summary>
public partial class ErrorModelTests
{
    private static readonly Assembly Application = typeof(FakeShop.Application.DependencyInjection).Assembly;

    /// <summary>Words that name a refusal. An application enum with one of them in a response is an outcome enum.</summary>
    private static readonly HashSet<string> RefusalWords = new(StringComparer.Ordinal)
    {
        "NotFound", "Conflict", "Invalid", "InUse", "SlugTaken", "StockChanged", "IllegalTransition", "SoldOut", "CartEmpty",
        "Unavailable", "PricesChanged", "PaymentDeclined", "PaymentFailed", "CartChanged", "UnknownCharge", "Replayed",
        "NotAwaitingPayment", "AmountMismatch", "Refused", "Rejected", "Error", "Failure",
    };

    [Fact]
    public void Use_case_responses_carry_no_refusal()
    {
        var responses = Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) || i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>)))
            .Select(i => i.GetGenericArguments()[1])
            .Distinct()
            .ToList();
        Assert.True(responses.Count > 10, $"only {responses.Count} handler responses found: the scan is broken");

        var offences = responses.SelectMany(r => Reachable(r).Select(t => (Response: r, Type: t)))
            .Where(x => IsOutcomeEnum(x.Type) || x.Type.GetProperty("Succeeded") is not null || x.Type.GetProperty("IsSuccess") is not null)
            .Select(x => $"{x.Response.Name} carries {x.Type.FullName}")
            .Distinct()
            .ToList();
        Assert.True(offences.Count == 0, "Refusals must be thrown, not returned:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_refusal_detector_recognises_an_outcome_enum()
    {
        Assert.True(IsOutcomeEnum(typeof(SampleOutcome)));
        Assert.Contains(typeof(SampleOutcome), Reachable(typeof(SampleResult)));
        Assert.False(IsOutcomeEnum(typeof(FakeShop.Application.Checkout.PlaceOrder.PlaceOrderOutcome)));
    }

    [Fact]
    public void Pages_and_form_endpoints_leave_refusals_to_the_failure_filters()
    {
        var root = TranslationTests.RepoRoot();
        var files = new[] { "src/Web/Pages", "src/Web/Cart" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            .ToList();
        Assert.True(files.Count > 20, $"only {files.Count} page models found: the scan is broken");

        var offences = files.SelectMany(f => UseCaseCatch().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(root, f)}: {m.Value}")).ToList();
        Assert.True(offences.Count == 0,
            "Pages answer refusals through UseCaseExceptionFilter / IUseCaseFailurePage, endpoints through UseCaseFailureEndpointFilter:\n"
            + string.Join("\n", offences));
        Assert.Matches(UseCaseCatch(), "catch (DomainException ex)");
    }

    [Fact]
    public void Handlers_leave_lost_races_to_EntityChanges()
    {
        var root = TranslationTests.RepoRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src/Application"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.EndsWith("/Common/EntityChanges.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} application files found: the scan is broken");

        var offences = files.Where(f => ConcurrencyCatch().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.True(offences.Count == 0, "Save through EntityChanges.SaveAsync / SaveInTransactionAsync, which answers ConflictException:\n"
            + string.Join("\n", offences));
        Assert.Matches(ConcurrencyCatch(), "catch (DbUpdateConcurrencyException)");
    }

    private static bool IsOutcomeEnum(Type type) =>
        type.IsEnum && type.Assembly != typeof(FakeShop.Domain.Catalog.Product).Assembly
        && Enum.GetNames(type).Any(RefusalWords.Contains);

    /// <summary>The response type and the shop's types it exposes (element types, generic arguments, properties).</summary>
    private static HashSet<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.TryDequeue(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
            {
                queue.Enqueue(argument);
            }

            if (type.Namespace?.StartsWith("FakeShop.", StringComparison.Ordinal) == true && !type.IsEnum)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    queue.Enqueue(property.PropertyType);
                }
            }
        }

        return seen;
    }

    private enum SampleOutcome
    {
        Done,
        NotFound,
    }

    private sealed record SampleResult(IReadOnlyList<SampleOutcome> Outcomes);

    [GeneratedRegex("""catch\s*\(\s*(?:[\w.]+\.)?(?:ValidationException|DomainException|NotFoundException|ConflictException|CheckoutRefusedException)\b""")]
    private static partial Regex UseCaseCatch();

    [GeneratedRegex("""catch\s*\(\s*(?:[\w.]+\.)?DbUpdateConcurrencyException\b""")]
    private static partial Regex ConcurrencyCatch();
}
