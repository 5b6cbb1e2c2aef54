using System.Text.RegularExpressions;

namespace FakeShop.Architecture.Tests;

/// <summary>
/// Portuguese is the default language, so an English key without a translation would show English to every
/// Brazilian customer. This scans the Web and Application sources for user-facing keys.
/// </summary>
public partial class TranslationTests
{
    [Fact]
    public void Every_user_facing_text_has_a_portuguese_translation()
    {
        var root = RepoRoot();
        var translations = File.ReadAllLines(Path.Combine(root, "src/Web/Resources/translations.pt-BR.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0])
            .ToHashSet(StringComparer.Ordinal);

        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src/Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match m in LocalizerKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(m.Groups[1].Value);
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src/Application"), "*Validator.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in ValidatorMessage().Matches(File.ReadAllText(file)))
            {
                keys.Add(m.Groups[1].Value);
            }
        }

        Assert.True(keys.Count > 100, $"only {keys.Count} keys found: the scan is broken");
        var missing = keys.Where(k => !translations.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Missing pt-BR translations (add them to src/Web/Resources/translations.pt-BR.tsv and run tools/update-translations.py):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_embedded_resx_is_up_to_date_with_the_translation_table()
    {
        var root = RepoRoot();
        var resx = File.ReadAllText(Path.Combine(root, "src/Web/Resources/Localization.SharedResource.pt-BR.resx"));
        var count = File.ReadAllLines(Path.Combine(root, "src/Web/Resources/translations.pt-BR.tsv")).Count(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(count, Regex.Count(resx, "<data name="));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "global.json")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (global.json) not found.");
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""WithMessage\("((?:[^"\\]|\\.)+)"\)""")]
    private static partial Regex ValidatorMessage();
}
