using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeShop.Deployment.Tests.Support;

/// <summary>Typed accessors that fail the test with the path when a value is missing or of the wrong type.</summary>
internal static class Json
{
    /// <summary>Walks object keys; fails when any step is missing.</summary>
    public static JsonNode Req(this JsonNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            var next = current is JsonObject o ? o[key] : null;
            Assert.True(next is not null, $"missing '{key}' in {current.GetPath()} (looking for {string.Join('.', path)})");
            current = next;
        }

        return current;
    }

    public static JsonNode? Opt(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current is JsonObject o ? o[key] : null;
        }

        return current;
    }

    public static JsonObject Obj(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        Assert.True(n is JsonObject, $"{n.GetPath()} should be a mapping");
        return (JsonObject)n;
    }

    public static JsonArray Arr(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        Assert.True(n is JsonArray, $"{n.GetPath()} should be a list");
        return (JsonArray)n;
    }

    public static string Str(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        Assert.True(n is JsonValue v && v.GetValueKind() == JsonValueKind.String, $"{n.GetPath()} should be a string, is {n.ToJsonString()}");
        return n.GetValue<string>();
    }

    public static long Int(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        Assert.True(n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _),
            $"{n.GetPath()} should be an integer, is {n.ToJsonString()}");
        return n.GetValue<long>();
    }

    public static bool Bool(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        var kind = n.GetValueKind();
        Assert.True(kind is JsonValueKind.True or JsonValueKind.False, $"{n.GetPath()} should be a boolean, is {n.ToJsonString()}");
        return kind == JsonValueKind.True;
    }

    /// <summary>The scalar as text whatever its YAML type (3 and "3" both give "3").</summary>
    public static string Scalar(this JsonNode node, params string[] path)
    {
        var n = node.Req(path);
        return n.GetValueKind() switch
        {
            JsonValueKind.String => n.GetValue<string>(),
            JsonValueKind.Number => n.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new InvalidDataException($"{n.GetPath()} should be a scalar, is {n.ToJsonString()}"),
        };
    }

    public static IReadOnlyList<string> Strings(this JsonNode node, params string[] path) =>
        node.Arr(path).Select(x => x is null ? "" : x.Scalar()).ToList();

    /// <summary>A string-to-string view of a mapping such as labels or env.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this JsonNode node, params string[] path) =>
        node.Obj(path).ToDictionary(kv => kv.Key, kv => kv.Value is null ? "" : kv.Value.Scalar(), StringComparer.Ordinal);

    /// <summary>Every node of the tree, depth first, with the key it is stored under (null for list items and the root).</summary>
    public static IEnumerable<(string? Key, JsonNode Node)> Descendants(this JsonNode node)
    {
        var stack = new Stack<(string?, JsonNode)>();
        stack.Push((null, node));
        while (stack.Count > 0)
        {
            var (key, current) = stack.Pop();
            yield return (key, current);
            switch (current)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        if (v is not null)
                        {
                            stack.Push((k, v));
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        if (v is not null)
                        {
                            stack.Push((null, v));
                        }
                    }

                    break;
            }
        }
    }
}
