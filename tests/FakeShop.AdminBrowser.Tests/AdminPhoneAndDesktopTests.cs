using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FakeShop.Domain.Brazil;
using FakeShop.Domain.Catalog;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FakeShop.AdminBrowser.Tests;

/// <summary>
/// Issue 13, the admin journey in Chromium at 390×844 and 1366×900, in Portuguese: own layout, a product created with
/// its picture and a pt-BR price, an error that keeps what was typed, stock adjustment, a confirmed cancellation, the
/// CSV in Portuguese and the dashboard; then every admin page checked for sideways scrolling and photographed.
/// </summary>
[Collection(AdminBrowserCollection.Name)]
public sealed partial class AdminPhoneAndDesktopTests(AdminBrowserFixture app) : IAsyncLifetime
{
    private static readonly (int Width, int Height)[] Sizes = [(390, 844), (1366, 900)];

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        await app.ResetWithAdminAsync();
        if (Chromium.IsInstalled)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [ChromiumFact]
    public async Task Admin_journey_in_portuguese_on_a_phone_and_on_a_laptop()
    {
        foreach (var (width, height) in Sizes)
        {
            var tag = $"{width}";
            var page = await SignedInAdminAsync(width, height);

            // Its own bar: on a laptop on one line, on a phone behind the toggle.
            await ExpectNavFitsAsync(page, width);

            // Create with a picture and a Portuguese price; first with a mistyped price: everything typed stays.
            var name = $"Luz de Vídeo {width}";
            await page.GotoAsync("/Admin/Products/Create");
            await page.FillAsync("#Input_Name", name);
            await page.FillAsync("#Input_ShortDescription", "Painel LED bicolor.");
            await page.FillAsync("#Input_Price", "1.299,901");
            await page.FillAsync("#Input_Stock", "4");
            await page.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Label = "Streaming" });
            await page.SetInputFilesAsync("#Input_Image", new FilePayload { Name = "luz.png", MimeType = "image/png", Buffer = Png });
            await page.ClickAsync("#save-product");
            await Assertions.Expect(page.Locator("#Input_Price-error")).ToHaveTextAsync("Informe um preço como 1.299,90, com no máximo duas casas decimais.");
            await Assertions.Expect(page.Locator("#Input_Price")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.Locator("#Input_Name")).ToHaveValueAsync(name);
            await Assertions.Expect(page.Locator("#Input_ShortDescription")).ToHaveValueAsync("Painel LED bicolor.");
            await Assertions.Expect(page.Locator("#Input_Price")).ToHaveValueAsync("1.299,901");
            await Assertions.Expect(page.Locator("#Input_Stock")).ToHaveValueAsync("4");
            await Assertions.Expect(page.Locator("#Input_Image-error")).ToHaveTextAsync("A imagem não foi salva: escolha o arquivo novamente.");
            await ExpectNoSidewaysScrollAsync(page, "create with errors");
            await Shoot(page, $"admin-journey-{tag}-create-error");

            // The summary's link takes the admin to the field.
            await page.ClickAsync("#form-errors a[href='#Input_Price']");
            await Assertions.Expect(page.Locator("#Input_Price")).ToBeInViewportAsync();

            await page.FillAsync("#Input_Price", "1.299,90");
            await page.SetInputFilesAsync("#Input_Image", new FilePayload { Name = "luz.png", MimeType = "image/png", Buffer = Png });
            await page.ClickAsync("#save-product");
            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Produto criado com a imagem.");
            await Assertions.Expect(page.Locator("#product-image")).ToHaveAttributeAsync("src", ImagePath());
            await Assertions.Expect(page.Locator("#Input_Price")).ToHaveValueAsync("1.299,90");
            var productId = int.Parse(EditPage().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);

            // Edit the price.
            await page.FillAsync("#Input_Price", "1.349,50");
            await page.ClickAsync("#save-product");
            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Produto salvo.");
            await Assertions.Expect(page.Locator("#Input_Price")).ToHaveValueAsync("1.349,50");
            Assert.Equal(1349.50m, await app.Factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Price.Amount).SingleAsync()));

            // Adjust stock from the list: the field starts empty, an empty try is explained next to it, +5 works.
            await page.GotoAsync("/Admin/Products?q=" + Uri.EscapeDataString(name));
            var delta = page.Locator($"#delta-{productId}");
            await Assertions.Expect(delta).ToHaveValueAsync(string.Empty);
            await Assertions.Expect(page.Locator($"label[for='delta-{productId}']")).ToHaveTextAsync("Adicionar/remover N unidades");
            await Assertions.Expect(page.Locator("#adjust-help")).ToBeVisibleAsync();
            await page.Locator($"tr[data-id='{productId}'] .adjust-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator($"#delta-{productId}-error")).ToHaveTextAsync("Informe quantas unidades adicionar (ou, com sinal de menos, remover).");
            await Assertions.Expect(delta).ToHaveAttributeAsync("aria-invalid", "true");
            await delta.FillAsync("5");
            await page.Locator($"tr[data-id='{productId}'] .adjust-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("agora 9 unidades");
            await Assertions.Expect(page.Locator($"tr[data-id='{productId}'] .stock")).ToHaveTextAsync("9");
            await ExpectNoSidewaysScrollAsync(page, "products");

            // Cancel an order: the button asks, "keep" keeps it, the confirm step cancels it.
            var number = await PlaceOrderAsync(productId, 2);
            await page.GotoAsync($"/Admin/Orders/{number}");
            await page.ClickAsync("#to-cancelled");
            await Assertions.Expect(page.Locator("#confirm-cancel-heading")).ToHaveTextAsync($"Cancelar o pedido {number}?");
            await ExpectNoSidewaysScrollAsync(page, "cancel confirmation");
            await Shoot(page, $"admin-journey-{tag}-cancel-confirm");
            await page.ClickAsync("#keep-order");
            await Assertions.Expect(page.Locator("#confirm-cancel")).ToHaveCountAsync(0);
            Assert.Equal(OrderStatus.Paid, await StatusAsync(number));
            await page.ClickAsync("#to-cancelled");
            await page.ClickAsync("#confirm-cancel-order");
            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("O pedido agora está: Cancelado.");
            Assert.Equal(OrderStatus.Cancelled, await StatusAsync(number));

            // The CSV, downloaded as a browser does, speaks Portuguese.
            await page.GotoAsync("/Admin/Orders?q=" + number);
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Pedido;Feito em (horário de Brasília);Situação;Nome;", lines[0]);
            Assert.Contains(";Cancelado;", lines.Single(l => l.StartsWith(number, StringComparison.Ordinal)));

            // Dashboard: the chart's labels stay inside the drawing and it has a legend.
            await page.GotoAsync("/Admin");
            await Assertions.Expect(page.Locator("#chart-legend li")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#chart-legend")).ToBeVisibleAsync();
            var outside = await page.EvaluateAsync<string[]>("""
                () => {
                    const box = document.querySelector('#sales-chart').getBoundingClientRect();
                    return [...document.querySelectorAll('#sales-chart text')].map(t => [t.textContent, t.getBoundingClientRect()])
                        .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                        .map(([text]) => text);
                }
                """);
            Assert.True(outside.Length == 0, $"Chart labels cut off at {width} px: " + string.Join(", ", outside));
            var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#sales-chart text')].map(t => t.getBoundingClientRect().height))");
            Assert.True(smallest >= 12, $"Chart labels are {smallest} px tall at {width} px: too small to read.");
            await Shoot(page, $"admin-journey-{tag}-dashboard");
            await page.Context.CloseAsync();
        }
    }

    [ChromiumFact]
    public async Task Every_admin_page_fits_390_px_and_is_photographed_at_both_sizes_in_both_languages()
    {
        var product = await app.Factory.WithDbAsync(db => db.Products.AsNoTracking().OrderBy(p => p.Id).FirstAsync(p => p.Stock >= 5));
        var number = await PlaceOrderAsync(product.Id, 1);
        var emptyCategory = await app.Factory.WithDbAsync(async db =>
        {
            var category = new Category("Iluminação de Estúdio Profissional");
            db.Categories.Add(category);
            await db.SaveChangesAsync();
            return category.Id;
        });
        // Named, not derived from the path: ids and order numbers change from run to run, the file names must not.
        (string Path, string Name)[] pages =
        [
            ("/Admin", "dashboard"), ("/Admin/Products", "products"), ("/Admin/Products?low=true", "products-low-stock"),
            ("/Admin/Products/Create", "product-create"), ($"/Admin/Products/Edit/{product.Id}", "product-edit"),
            ($"/Admin/Products/Delete/{product.Id}", "product-delete"), ("/Admin/Categories", "categories"),
            ($"/Admin/Categories?delete={emptyCategory}", "category-delete-confirm"), ("/Admin/Orders", "orders"),
            ($"/Admin/Orders/{number}", "order"), ($"/Admin/Orders/{number}?confirm=cancel", "order-cancel-confirm"),
        ];

        var tooWide = new List<string>();
        foreach (var language in new[] { "pt", "en" })
        {
            foreach (var (width, height) in Sizes)
            {
                var page = await SignedInAdminAsync(width, height);
                if (language == "en")
                {
                    if (width < 992)
                    {
                        await page.ClickAsync(".navbar-toggler");
                        // Bootstrap adds "show" when the menu's opening transition has ended; a click during the
                        // transition could land while the menu was still moving and send nothing.
                        await Assertions.Expect(page.Locator("#adminNav")).ToHaveClassAsync(new Regex(@"\bshow\b"));
                    }

                    await page.ClickAsync("form.language-switch button[value=en]");
                    await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
                }

                foreach (var (path, name) in pages)
                {
                    var response = await page.GotoAsync(path);
                    Assert.True(response!.Ok, $"{path}: {response.Status}");
                    await Assertions.Expect(page.Locator("#admin-nav")).ToHaveCountAsync(1);
                    var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    if (widths[0] > widths[1])
                    {
                        tooWide.Add($"{language} {width} px {path}: {widths[0]} > {widths[1]}");
                    }

                    await Shoot(page, $"admin-{language}-{width}-{name}");
                }

                if (width < 992)
                {
                    // The menu opens on a phone and still fits.
                    await page.ClickAsync(".navbar-toggler");
                    await Assertions.Expect(page.Locator("#admin-nav")).ToBeVisibleAsync();
                    await Shoot(page, $"admin-{language}-{width}-menu-open");
                }

                await page.Context.CloseAsync();
            }
        }

        Assert.True(tooWide.Count == 0, "Admin pages scroll sideways:\n" + string.Join("\n", tooWide));
    }

    private async Task<IPage> SignedInAdminAsync(int width, int height)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Factory.KestrelAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 500,
            HasTouch = width < 500,
            Locale = "pt-BR",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        // Generous: two cores shared with other test runs.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_Email", AdminBrowserFixture.AdminEmail);
        await page.FillAsync("#Input_Password", AdminBrowserFixture.AdminPassword);
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#admin-nav")).ToHaveCountAsync(1);
        return page;
    }

    private static async Task ExpectNavFitsAsync(IPage page, int width)
    {
        await page.GotoAsync("/Admin");
        if (width >= 992)
        {
            await Assertions.Expect(page.Locator(".admin-bar .navbar-toggler")).ToBeHiddenAsync();
            // One line: every link and button of the bar shares the bar's single row.
            var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.admin-bar .nav-link, .admin-bar .btn, .admin-bar .navbar-brand')].map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })");
            Assert.True(tops.Max() - tops.Min() < 12, $"The admin bar wraps at {width} px: centres at {string.Join(", ", tops)}");
            var barHeight = await page.EvaluateAsync<double>("() => document.querySelector('.admin-bar').getBoundingClientRect().height");
            Assert.True(barHeight < 80, $"The admin bar is {barHeight} px tall at {width} px.");
        }
        else
        {
            await Assertions.Expect(page.Locator("#admin-nav")).ToBeHiddenAsync();
            await page.ClickAsync(".admin-bar .navbar-toggler");
            await Assertions.Expect(page.Locator("#admin-nav a", new() { HasText = "Pedidos" })).ToBeVisibleAsync();
            await ExpectNoSidewaysScrollAsync(page, "open menu");
        }

        await Assertions.Expect(page.Locator("#admin-to-shop")).ToHaveAttributeAsync("href", "/");
        await Assertions.Expect(page.Locator("#nav-search")).ToHaveCountAsync(0);
    }

    private static async Task ExpectNoSidewaysScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} scrolls sideways: {widths[0]} > {widths[1]}");
    }

    private Task<OrderStatus> StatusAsync(string number) =>
        app.Factory.WithDbAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync());

    /// <summary>A paid order straight in the database (checkout has its own browser journey), stock taken as checkout would.</summary>
    private Task<string> PlaceOrderAsync(int productId, int quantity) =>
        app.Factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            Assert.True(await FakeShop.Application.Catalog.StockStore.TryTakeAsync(db, product.Id, quantity, CancellationToken.None));
            var order = new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
                new CustomerDetails("Ana", "Silva", "ana@example.com", "+55 11 91234-5678", Cpf.Parse("529.982.247-25")),
                new Address(Cep.Parse("01310-100"), "Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", Uf.Parse("SP")),
                [(product.Id, product.Name, product.Price, quantity)], Money.Brl(10m), PaymentMethod.Card, now.AddMinutes(15), now);
            order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-TEST"), "gateway", now);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order.Number;
        });

    /// <summary>Where a reviewer finds the pictures: SCREENSHOT_DIR, else the repository's artifacts/screenshots (as PhoneTests).</summary>
    private static async Task Shoot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (string.IsNullOrWhiteSpace(folder))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                dir = dir.Parent;
            }

            folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [GeneratedRegex("^/images/[0-9a-f]{32}$")]
    private static partial Regex ImagePath();

    [GeneratedRegex("/Admin/Products/Edit/([0-9]+)")]
    private static partial Regex EditPage();
}
