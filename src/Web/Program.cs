using FakeShop.Infrastructure.Database;
using FakeShop.Web;

// Start-up problems (a missing or contradictory setting) end the process with one sentence, not a stack trace:
// the options validated at start-up (ShopOptions), and the database settings, which are resolved before the host
// is built because they choose the provider (ConfigurationException, Infrastructure's).
try
{
    var app = ShopHost.Build(args);
    var isMigrateCommand = args.Length > 0 && string.Equals(args[0], "migrate", StringComparison.OrdinalIgnoreCase);
    return await ShopHost.RunAsync(app, isMigrateCommand);
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
    return 2;
}
catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is Microsoft.Extensions.Options.OptionsValidationException))
{
    // Several option types failing ValidateOnStart together arrive bundled; still one line.
    var failures = ex.InnerExceptions.Cast<Microsoft.Extensions.Options.OptionsValidationException>().SelectMany(e => e.Failures);
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", failures));
    return 2;
}
