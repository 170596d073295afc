using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DicomDeid.Engine.Audit;

/// <summary>
/// Appends a run to a JSON-lines audit log: one header line, one line per file, one summary line. Each line is
/// written whole and flushed to the operating system at once, so after a crash the log is complete up to the last
/// finished file. Safe to call from several threads.
/// </summary>
public sealed class DeidAuditLog : IDisposable
{
    private static readonly byte[] NewLine = { (byte)'\n' };
    private readonly object _gate = new();
    private readonly FileStream _stream;
    private bool _disposed;

    /// <summary>The serializer settings of every line: property names as declared, enums as names.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    private DeidAuditLog(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>Full path of the log.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the log at <paramref name="path"/> for appending; its folder must exist.</summary>
    /// <exception cref="IOException">The log cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The log cannot be written.</exception>
    public static DeidAuditLog Open(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var full = System.IO.Path.GetFullPath(path);
        // FileShare.Read: others may tail the log while the run writes it.
        var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
        return new DeidAuditLog(stream, full);
    }

    /// <summary>Appends the run header line.</summary>
    public void WriteHeader(DeidAuditRunHeader header) => WriteLine("RunHeader", header);

    /// <summary>Appends one file's line.</summary>
    public void WriteRecord(DeidAuditRecord record) => WriteLine("File", record);

    /// <summary>Appends the run summary line.</summary>
    public void WriteSummary(DeidAuditRunSummary summary) => WriteLine("RunSummary", summary);

    /// <summary>Serializes <paramref name="value"/> as one JSON object whose first property is <c>"Type"</c>.</summary>
    public static byte[] ToJsonLine<T>(string type, T value)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, SerializerOptions);
        // body is a non-empty object "{...}": splice the discriminator in front of its first property.
        var prefix = Encoding.UTF8.GetBytes("{\"Type\":" + JsonSerializer.Serialize(type, SerializerOptions) + (body.Length > 2 ? "," : string.Empty));
        var line = new byte[prefix.Length + body.Length - 1];
        Buffer.BlockCopy(prefix, 0, line, 0, prefix.Length);
        Buffer.BlockCopy(body, 1, line, prefix.Length, body.Length - 1);
        return line;
    }

    private void WriteLine<T>(string type, T value)
    {
        var line = ToJsonLine(type, value);
        lock (_gate)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(DeidAuditLog));
            _stream.Write(line, 0, line.Length);
            _stream.Write(NewLine, 0, 1);
            _stream.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Dispose();
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions { WriteIndented = false };
        o.Converters.Add(new JsonStringEnumConverter());
        o.Converters.Add(new TimeSpanSecondsConverter());
        return o;
    }

    // Duration as fractional seconds: a number every consumer reads (the default "c" string is .NET-specific).
    private sealed class TimeSpanSecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromTicks((long)(reader.GetDouble() * TimeSpan.TicksPerSecond));

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalSeconds, 6));
    }
}
