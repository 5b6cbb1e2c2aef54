using System.Runtime;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FakeShop.Floor;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;

// FLOOR_MODE picks how much of the shop's stack is loaded; each mode adds to the one before:
//   hello  - a minimal-API endpoint writes the page's bytes (ASP.NET Core and Kestrel only)
//   razor  - the page is a Razor Page with a layout, from an in-memory list
//   ef     - the list is read from PostgreSQL through a pooled EF Core DbContext (Npgsql) on every request
//   stack  - plus what every shop page has around it: cookie authentication, antiforgery (Data Protection),
//            and OpenTelemetry's ASP.NET Core and runtime metrics exported for Prometheus
var mode = new FloorMode(Environment.GetEnvironmentVariable("FLOOR_MODE") ?? "ef");
var builder = WebApplication.CreateBuilder(args);
// As the shop (ShopHtmlEncoder): Portuguese letters are written as they are, not as &#xE7; entities.
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement));
if (mode.Name != "hello")
{
    builder.Services.AddRazorPages();
}

if (mode.ReadsDatabase)
{
    builder.Services.AddDbContextPool<FloorDb>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("Floor")));
}

if (mode.FullStack)
{
    builder.Services.AddAuthentication().AddCookie();
    builder.Services.AddAuthorization();
    builder.Services.AddAntiforgery();
    builder.Services.AddOpenTelemetry().WithMetrics(m => m
        .AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter());
}

builder.Services.AddSingleton(mode);
var app = builder.Build();
if (mode.FullStack)
{
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapPrometheusScrapingEndpoint();
}

// The bench's warm-up reads the runtime's JIT count here, as bench/run.sh reads it from the shop's /metrics.
app.MapGet("/jit", () => JitInfo.GetCompiledMethodCount().ToString(System.Globalization.CultureInfo.InvariantCulture));
app.MapGet("/ready", async (IServiceProvider services) =>
{
    if (mode.ReadsDatabase)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FloorDb>().Items.AnyAsync();
    }

    return Results.Text("ready");
});
if (mode.Name == "hello")
{
    var page = string.Concat(Enumerable.Range(1, Item.PageSize).Select(i => Item.Sample(i).Html()));
    app.MapGet("/", () => Results.Content("<!DOCTYPE html><html><body><ul>" + page + "</ul></body></html>", "text/html"));
}
else
{
    app.MapRazorPages();
}

app.Run();
