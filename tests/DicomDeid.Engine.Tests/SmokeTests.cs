using Xunit;

namespace DicomDeid.Engine.Tests;

public class SmokeTests
{
    [Fact]
    public void EngineAssemblyLoads() => Assert.NotNull(typeof(DicomDeid.Engine.EngineInfo).Assembly.GetName().Name);
}
