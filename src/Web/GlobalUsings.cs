// The namespaces nearly every page model, endpoint and host extension imports: one place for what every file
// needs instead of the same block atop each of them.
global using System.Globalization;
global using FakeShop.Web.Infrastructure;
global using FakeShop.Web.Localization;
global using Mediator;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.Extensions.Localization;
global using Microsoft.Extensions.Options;
