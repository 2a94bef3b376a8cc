using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mosmos.Dicom;

public static partial class DicomJsonReader
{
    private sealed partial class Context
    {
        /// <summary>Encodes a "Value" array as the element's value bytes (little-endian; text as UTF-8).</summary>
        private byte[] ReadValues(DicomTag tag, DicomVR vr, JsonElement values)
        {
            if (vr.IsText) return ReadText(tag, vr, values);
            int size = vr.BinaryElementSize;
            var bytes = new byte[values.GetArrayLength() * size];
            int i = 0;
            foreach (var v in values.EnumerateArray())
            {
                var s = bytes.AsSpan(i * size, size);
                i++;
                if (vr == DicomVR.AT)
                {
                    var at = default(DicomTag);
                    if (v.ValueKind != JsonValueKind.String || v.ValidString() is not { Length: 8 } hex || !DicomTag.TryParse(hex, out at))
                        Fail($"an AT value must be \"GGGGEEEE\", found {Shorten(v.ValidRawText())}", tag);
                    BinaryPrimitives.WriteUInt16LittleEndian(s, at.Group);
                    BinaryPrimitives.WriteUInt16LittleEndian(s[2..], at.Element);
                    continue;
                }
                WriteNumber(tag, vr, v, s);
            }
            return bytes;
        }

        private void WriteNumber(DicomTag tag, DicomVR vr, JsonElement v, Span<byte> s)
        {
            bool ok = v.ValueKind == JsonValueKind.Number;
            switch (vr.Code)
            {
                case 0x5553: ok = ok && v.TryGetUInt16(out var us) && Write(s, us); break;  // US
                case 0x5353: ok = ok && v.TryGetInt16(out var ss) && Write(s, ss); break;   // SS
                case 0x554C: ok = ok && v.TryGetUInt32(out var ul) && Write(s, ul); break;  // UL
                case 0x534C: ok = ok && v.TryGetInt32(out var sl) && Write(s, sl); break;   // SL
                case 0x464C:                                                                // FL
                    ok = TryGetFloat(v, out var fl);
                    if (ok) BinaryPrimitives.WriteSingleLittleEndian(s, (float)fl);
                    break;
                case 0x4644:                                                                // FD
                    ok = TryGetFloat(v, out var fd);
                    if (ok) BinaryPrimitives.WriteDoubleLittleEndian(s, fd);
                    break;
                case 0x5356:                                                                // SV: number, or string past 2⁵³
                    ok = (ok ? v.TryGetInt64(out var sv) : long.TryParse(v.ValueKind == JsonValueKind.String ? v.ValidString() : null, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sv))
                         && Write(s, sv);
                    break;
                case 0x5556:                                                                // UV
                    ok = (ok ? v.TryGetUInt64(out var uv) : ulong.TryParse(v.ValueKind == JsonValueKind.String ? v.ValidString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out uv))
                         && Write(s, uv);
                    break;
                default:
                    ok = false;
                    break;
            }
            if (!ok) Fail($"{Shorten(v.ValidRawText())} is not a valid {vr} value", tag);
        }

        /// <summary>FL/FD values are numbers; NaN and infinities come as strings (PS3.18 F.2.3.1).</summary>
        private static bool TryGetFloat(JsonElement v, out double value)
        {
            if (v.ValueKind == JsonValueKind.Number) return v.TryGetDouble(out value);
            value = v.ValueKind == JsonValueKind.String ? v.ValidString() switch
            {
                "NaN" => double.NaN,
                "inf" or "Infinity" => double.PositiveInfinity,
                "-inf" or "-Infinity" => double.NegativeInfinity,
                _ => 0,
            } : 0;
            return value != 0;
        }

        private static bool Write(Span<byte> s, ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(s, v); return true; }
        private static bool Write(Span<byte> s, short v) { BinaryPrimitives.WriteInt16LittleEndian(s, v); return true; }
        private static bool Write(Span<byte> s, uint v) { BinaryPrimitives.WriteUInt32LittleEndian(s, v); return true; }
        private static bool Write(Span<byte> s, int v) { BinaryPrimitives.WriteInt32LittleEndian(s, v); return true; }
        private static bool Write(Span<byte> s, long v) { BinaryPrimitives.WriteInt64LittleEndian(s, v); return true; }
        private static bool Write(Span<byte> s, ulong v) { BinaryPrimitives.WriteUInt64LittleEndian(s, v); return true; }

        /// <summary>Text values joined with backslashes (PS3.5 §6.4); null is an empty value (PS3.18 F.2.5).</summary>
        private byte[] ReadText(DicomTag tag, DicomVR vr, JsonElement values)
        {
            if (vr.IsSingleValuedText && values.GetArrayLength() > 1) Fail($"{vr} holds a single value", tag);
            var text = new StringBuilder();
            bool first = true;
            foreach (var v in values.EnumerateArray())
            {
                if (!first) text.Append('\\');
                first = false;
                var value = v.ValueKind switch
                {
                    JsonValueKind.Null => string.Empty,
                    JsonValueKind.String when vr == DicomVR.PN => v.ValidString()!,  // lenient: some servers send plain strings
                    JsonValueKind.Object when vr == DicomVR.PN => ReadPersonName(tag, v),
                    JsonValueKind.String => v.ValidString()!,
                    JsonValueKind.Number when vr == DicomVR.DS => DecimalText(tag, v),
                    JsonValueKind.Number when vr == DicomVR.IS => IntegerText(tag, v),
                    _ => Fail<string>($"{Shorten(v.ValidRawText())} is not a valid {vr} value", tag),
                };
                if (!vr.IsSingleValuedText && value.Contains('\\', StringComparison.Ordinal))
                    Fail($"a {vr} value may not contain a backslash", tag);
                if (vr == DicomVR.UI && value.Length > 0 && !DicomUid.IsValid(value.TrimEnd('\0')))
                    Fail($"'{Shorten(value)}' is not a valid UID", tag);
                text.Append(value);
            }
            var s = text.ToString();
            if (!Ascii.IsValid(s)) _nonAscii = true;
            var bytes = Encoding.UTF8.GetBytes(s);
            if (bytes.Length % 2 == 0) return bytes;
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.PaddingByte;
            return bytes;
        }

        /// <summary>PS3.18 F.2.2: {"Alphabetic", "Ideographic", "Phonetic"} → "A=I=P" without trailing '='.</summary>
        private string ReadPersonName(DicomTag tag, JsonElement v)
        {
            string a = "", i = "", p = "";
            foreach (var group in v.EnumerateObject())
            {
                if (group.Value.ValueKind != JsonValueKind.String) Fail($"a PN component group must be a string", tag);
                var text = group.Value.ValidString()!;
                if (text.Contains('=', StringComparison.Ordinal)) Fail("a PN component group may not contain '='", tag);
                switch (group.ValidName())
                {
                    case "Alphabetic": a = text; break;
                    case "Ideographic": i = text; break;
                    case "Phonetic": p = text; break;
                    default: Fail($"unexpected PN component group '{Shorten(group.ValidName())}'", tag); break;
                }
            }
            return p.Length > 0 ? $"{a}={i}={p}" : i.Length > 0 ? $"{a}={i}" : a;
        }

        /// <summary>A DS keeps the JSON spelling when it fits 16 characters (PS3.5 Table 6.2-1), else is reformatted.</summary>
        private string DecimalText(DicomTag tag, JsonElement v)
        {
            var raw = v.ValidRawText();
            if (raw.Length <= 16) return raw;
            if (!v.TryGetDouble(out var d) || !double.IsFinite(d)) Fail($"{Shorten(raw)} is not a valid DS value", tag);
            return DicomValueFormat.FormatDecimalString(d);
        }

        /// <summary>An IS is an integer within ±2³¹ (PS3.5 Table 6.2-1); "5.0" is accepted as 5.</summary>
        private string IntegerText(DicomTag tag, JsonElement v)
        {
            if (v.TryGetInt64(out var l) || (v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e10 && (l = (long)d) == d))
            {
                if (l is >= int.MinValue and <= int.MaxValue) return l.ToString(CultureInfo.InvariantCulture);
            }
            return Fail<string>($"{Shorten(v.ValidRawText())} is not a valid IS value", tag);
        }

        private DicomItem ReadInlineBinary(DicomTag tag, DicomVR vr, JsonElement json, int depth)
        {
            if (json.ValueKind != JsonValueKind.String) Fail($"InlineBinary must be a base64 string, found {json.ValueKind}", tag);
            if (!vr.IsBulk) Fail($"InlineBinary is not allowed for VR {vr}", tag);
            var text = json.ValidString()!;
            var bytes = new byte[text.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(text, bytes, out int written)) Fail("InlineBinary is not valid base64", tag);
            var value = bytes.AsMemory(0, written);
            // Encapsulated pixel data arrives as its Part 10 value field (see DicomJsonEncapsulation).
            if (tag == DicomTags.PixelData && depth == 0 && DicomJsonEncapsulation.LooksEncapsulated(value.Span))
                return DicomJsonEncapsulation.Decode(tag, vr, value);
            return new DicomElement(tag, vr, value);
        }

        private DicomElement ReadBulkDataUri(DicomTag tag, DicomVR vr, JsonElement json)
        {
            if (json.ValueKind != JsonValueKind.String) Fail($"BulkDataURI must be a string, found {json.ValueKind}", tag);
            var bytes = options.BulkData?.Invoke(new DicomBulkDataReference(tag, vr, json.ValidString()!));
            return new DicomElement(tag, vr, bytes ?? ReadOnlyMemory<byte>.Empty);
        }

        private T Fail<T>(string message, DicomTag tag)
        {
            Fail(message, tag);
            return default;
        }
    }
}
