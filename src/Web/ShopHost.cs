using System.Data.Common;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Identity;
using FakeShop.Web.Admin;
using FakeShop.Web.Caching;
using FakeShop.Web.Cart;
using FakeShop.Web.Health;
using FakeShop.Web.Images;
using FakeShop.Web.Operations;
using FakeShop.Web.Payments;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Diagnostics;

namespace FakeShop.Web;

/// <summary>The composition root: every layer is wired together here and nowhere else.</summary>
public static partial class ShopHost
{
    private const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var database = DatabaseSettingsResolver.Resolve(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());

        builder.AddShopUseCases(database);
        builder.AddShopLocalization();
        builder.AddShopPages();
        builder.AddShopForwardedHeaders();
        builder.AddShopHardening();
        builder.AddShopHousekeeping();
        builder.AddShopAdmin();
        builder.Services.AddShopHealthChecks();
        builder.AddShopTelemetry();
        builder.AddShopOperations();
        builder.AddShopPageCache(database);
        builder.AddShopPix();
        builder.AddShopPayments();

        // Last, because every AddDataProtection (Identity, antiforgery, ours) adds it back: the key ring it reads at host
        // start is loaded by RunAsync once the schema is current (ADR 27).
        builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == DataProtectionHostedService));
        var app = builder.Build();
        // Every setting is checked now, before migrations or listening: a wrong one ends start-up with the one
        // sentence Program prints, not with a stack trace logged by the starting host.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        return app;
    }

    public static async Task<int> RunAsync(WebApplication app, bool migrateOnly)
    {
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FakeShop.Startup");
        if (migrateOnly)
        {
            return await MigrateAsync(app, database, logger, schemaCurrent: null);
        }

        // The start-up work runs beside Configure and the host start, on the second core (ADR 24): the migration and
        // schema check, the seed, the admin check. The host does not wait for the schema (ADR 27): nothing it starts
        // reads a table (Data Protection's key ring, which did, is loaded once the schema is current, beside the seed), so
        // Kestrel may listen, and early /health/ready probes warm the pipeline, while the database work goes on. The
        // StartupGate keeps /health/ready false and holds every other request until all of it has finished.
        var gate = app.Services.GetRequiredService<StartupGate>();
        var schema = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Task.Run(async () =>
        {
            try
            {
                if (database.MigrateOnStartup)
                {
                    return await MigrateAsync(app, database, logger, () => schema.TrySetResult(true));
                }

                // Without start-up migrations the schema is someone else's job, but a missing first admin is still ours.
                schema.TrySetResult(true);
                try
                {
                    await app.Services.GetRequiredService<AdminSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException)
                {
                    LogAdminSeedFailed(logger, ex.Message);
                }

                return 0;
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return 0; // stopped while the seed ran: the next start seeds
            }
            finally
            {
                schema.TrySetResult(false);
            }
        });

        // The key ring is read as soon as the schema is current, on a pool thread beside the seed and the host's start,
        // not on the main thread after the start: the main thread's Configure, endpoint warm-up and Kestrel start are
        // the longest path to ready, and the key ring (its XML, its query) need wait for none of them.
        var keyRing = Task.Run(() => LoadKeyRingWhenSchemaIsCurrentAsync(app, logger, schema.Task));
        Configure(app);
        app.LogPixState();
        app.LogRuntimeMemorySettings();
        WarmEndpoints(app);
        LogStarting(logger, database.Describe());
        try
        {
            try
            {
                await app.StartAsync();
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // The migration failed (or a stop came) while the host was starting: it gave up. The key ring may be
                // being read (a stop after the schema was current): it ends before the services are disposed.
                await keyRing;
                return await work;
            }

            await keyRing;
            var exitCode = await work; // 1 when the migration or the seed failed: the host has been told to stop
            gate.Open();
            await app.WaitForShutdownAsync();
            return exitCode;
        }
        finally
        {
            gate.Open();
            await app.DisposeAsync();
        }
    }

    // What Data Protection's own hosted service did at host start: read (or on an empty table create) the key ring, so
    // the first page that seals a cookie does not wait for it. Once the schema is current, beside the seed, the admin
    // check and the host's start; before the gate opens. A failure is logged, as the hosted service did; the key ring
    // is then read on first use. Not at all when the schema never became current (the start is failing anyway).
    private static async Task LoadKeyRingWhenSchemaIsCurrentAsync(WebApplication app, ILogger logger, Task<bool> schemaCurrent)
    {
        if (!await schemaCurrent)
        {
            return;
        }

        try
        {
            app.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        }
#pragma warning disable CA1031 // as the framework's hosted service: whatever the cause, the next use tries again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogKeyRingFailed(logger, ex.Message);
        }
    }

    // While the schema check runs on the other core: the endpoints (Razor Pages discovers its pages here, static
    // assets read their manifest) are built now instead of on the first request, which is the first /health/ready.
    private static void WarmEndpoints(WebApplication app)
    {
        foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
        {
            _ = source.Endpoints.Count;
        }
    }

    /// <returns>The exit code: 1 when the migration failed (logged and said on stderr; a running host is stopped).</returns>
    private static async Task<int> MigrateAsync(WebApplication app, DatabaseSettings database, ILogger logger, Action? schemaCurrent)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(schemaCurrent, app.Lifetime.ApplicationStopping);
            return 0;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            LogMigrationFailed(logger, database.Describe(), ex.Message);
            await Console.Error.WriteLineAsync($"Migration failed: {ex.Message}");
            app.Lifetime.StopApplication();
            return 1;
        }
    }

    private static void Configure(WebApplication app)
    {
        app.UseMiddleware<StartupGateMiddleware>();
        app.UseForwardedHeaders();
        app.UseShopManagementPort();
        // The language is part of the page cache's key, so it is chosen before the page cache is asked (it only reads
        // the request: a cookie and Accept-Language).
        app.UseMiddleware<ShopRequestCultureMiddleware>();
        // A page the cache has served before is answered here, ahead of everything a hit does not need; it sets the
        // security headers and HSTS itself (ADR 30). Hits are counted in the request metrics, not in the access log.
        app.UseMiddleware<PreparedHitMiddleware>();
        app.UseShopHardening();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Before the page cache too: a cached hit never reaches what comes after it, and HSTS belongs on every https answer.
        if (UsesHsts(app.Environment))
        {
            app.UseHsts();
        }

        // Fills each visitor's cart count and flash into the public pages, cached or rendered (ADR 8); answers the hits
        // that PreparedHitMiddleware left to it (a flash message waiting). The page cache itself runs after it (ADR 7).
        app.UseMiddleware<PageHoleMiddleware>();
        app.UseOutputCache();
        app.UseShopOperations();

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            // A database that is down is a temporary condition, not a bug: say 503 so proxies and clients retry.
            StatusCodeSelector = ex => OperationsHostExtensions.IsDatabaseOutage(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseShopHostFilter();
        app.UseMiddleware<CrossOriginProtectionMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapShopHealthChecks();
        app.MapShopTelemetry();
        app.MapProductImages();
        app.MapStaticAssets().WithPublicImmutableCaching();
        app.MapCartEndpoints();
        app.MapPixWebhook();
        app.MapRazorPages().WithStaticAssets();
    }

    /// <summary>HSTS everywhere but in Development (where the browser would remember it for localhost).</summary>
    internal static bool UsesHsts(IHostEnvironment environment) => !environment.IsDevelopment();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not migrate {Database}: {Reason}")]
    private static partial void LogMigrationFailed(ILogger logger, string database, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the first admin user: {Reason}")]
    private static partial void LogAdminSeedFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the Data Protection key ring at start-up; it is read on first use: {Reason}")]
    private static partial void LogKeyRingFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fake Shop serving with {Database}")]
    private static partial void LogStarting(ILogger logger, string database);
}
