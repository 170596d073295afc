using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace DicomDeid.Engine.Tests;

public class SchemaTests
{
    private static JsonElement Schema()
    {
        var dir = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var path = Path.Combine(dir!.FullName, "docs", "schemas", "deid-profile.schema.json");
        Assert.True(File.Exists(path), "missing " + path);
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    [Fact]
    public void SchemaAgreesWithTheEngine()
    {
        var s = Schema();
        Assert.Equal(DeidProfile.SchemaId, s.GetProperty("$id").GetString());
        var defs = s.GetProperty("$defs");
        var actions = defs.GetProperty("rule").GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(DeidProfileRule.Actions, actions);
        var options = defs.GetProperty("option").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(DeidOptions.All, options);
        var bases = s.GetProperty("properties").GetProperty("base").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(DeidProfiles.BuiltInNames, bases);
        foreach (var name in DeidProfiles.BuiltInNames)
            Assert.Equal(DeidProfile.SchemaId, JsonDocument.Parse(DeidProfiles.GetBuiltInText(name)).RootElement.GetProperty("$schema").GetString());
    }
}
