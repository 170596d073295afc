using System;
using System.Collections.Generic;

namespace DicomDeid.Bench;

/// <summary>In-process measurements of the codec and the engine (filled in as those land on main).</summary>
internal static class Measurements
{
    public static int Parse(Dictionary<string, string> o)
    {
        Program.Emit(new Dictionary<string, object> { ["available"] = false, ["reason"] = "the codec reader is not on main yet" });
        return 0;
    }

    public static int Deid(Dictionary<string, string> o)
    {
        Program.Emit(new Dictionary<string, object> { ["available"] = false, ["reason"] = "the de-identification engine is not on main yet" });
        return 0;
    }
}
