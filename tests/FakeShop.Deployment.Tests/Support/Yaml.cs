using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeShop.Deployment.Tests.Support;

/// <summary>
/// Loads YAML (all documents of a stream) as <see cref="JsonNode"/> trees, which are easy to walk
/// in assertions. Plain scalars are typed the way Kubernetes and Compose read them (bool, integer,
/// float, null); quoted scalars stay strings, so a test can tell <c>true</c> from <c>"true"</c>.
/// Aliases are resolved and merge keys (<c>&lt;&lt;</c>) are applied, as Compose does.
/// </summary>
internal static partial class Yaml
{
    public static IReadOnlyList<JsonNode?> LoadAll(string path) => ParseAll(File.ReadAllText(path), RepoPaths.Relative(path));

    public static JsonObject LoadSingle(string path)
    {
        var docs = LoadAll(path).Where(d => d is not null).ToList();
        Assert.True(docs.Count == 1, $"{RepoPaths.Relative(path)}: expected one YAML document, found {docs.Count}");
        return Assert.IsType<JsonObject>(docs[0]);
    }

    public static IReadOnlyList<JsonNode?> ParseAll(string text, string source = "<text>")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}: invalid YAML: {ex.Message}", ex);
        }

        return stream.Documents.Select(d => Convert(d.RootNode, source)).ToList();
    }

    private static JsonNode? Convert(YamlNode node, string source) => node switch
    {
        YamlScalarNode scalar => ConvertScalar(scalar),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => Convert(c, source)).ToArray()),
        YamlMappingNode map => ConvertMapping(map, source),
        _ => throw new InvalidDataException($"{source}: unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map, string source)
    {
        var result = new JsonObject();
        var merged = new List<JsonObject>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = keyNode is YamlScalarNode k ? k.Value ?? "" : throw new InvalidDataException($"{source}: non-scalar key at {keyNode.Start}");
            if (key == "<<" && keyNode is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                // Merge key: a mapping or a list of mappings whose entries fill in missing keys.
                var value = Convert(valueNode, source);
                merged.AddRange(value switch
                {
                    JsonObject o => [o],
                    JsonArray a => a.Select(x => x as JsonObject ?? throw new InvalidDataException($"{source}: merge of a non-mapping at {valueNode.Start}")),
                    _ => throw new InvalidDataException($"{source}: merge of a non-mapping at {valueNode.Start}"),
                });
                continue;
            }

            if (result.ContainsKey(key))
            {
                throw new InvalidDataException($"{source}: duplicate key '{key}' at {keyNode.Start}");
            }

            result[key] = Convert(valueNode, source);
        }

        foreach (var source2 in merged)
        {
            foreach (var (key, value) in source2)
            {
                if (!result.ContainsKey(key))
                {
                    result[key] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
