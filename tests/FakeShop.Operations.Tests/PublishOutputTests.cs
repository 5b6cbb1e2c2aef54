using System.Diagnostics;
using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 14: `dotnet publish` (what docker/Dockerfile runs) leaves out appsettings.Development.json, which holds the
/// development admin password. Publishes the already built app (--no-build, no ReadyToRun: seconds, not minutes);
/// which files are published does not depend on either. The image itself is checked in FakeShop.Container.Tests.
/// </summary>
public sealed class PublishOutputTests
{
    [Fact]
    public async Task The_published_app_has_its_settings_but_not_the_development_ones()
    {
        var output = Directory.CreateTempSubdirectory("fakeshop-publish-").FullName;
        try
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = ShippedConfiguration.Root,
            };
            foreach (var argument in new[]
            {
                "publish", Path.Combine("src", "Web", "FakeShop.Web.csproj"), "--no-build", "-c", configuration,
                "-p:RuntimeIdentifier=", "-p:PublishReadyToRun=false", "-o", output, "-nologo",
            })
            {
                psi.ArgumentList.Add(argument);
            }

            using var publish = Process.Start(psi)!;
            var stdout = publish.StandardOutput.ReadToEndAsync();
            var stderr = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, $"dotnet publish exited {publish.ExitCode}\n{await stdout}\n{await stderr}");

            Assert.True(File.Exists(Path.Combine(output, "FakeShop.Web.dll")), "nothing was published");
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "appsettings.json is missing from the publish output");
            Assert.Empty(Directory.GetFiles(output, "appsettings.Development*.json", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
