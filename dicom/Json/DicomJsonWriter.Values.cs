using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Mosmos.Dicom;

public static partial class DicomJsonWriter
{
    /// <summary>Largest integer a JSON number carries exactly in IEEE doubles (2⁵³); larger SV/UV go as strings.</summary>
    private const long MaxExactInteger = 1L << 53;

    private sealed partial class Context
    {
        private void WriteElement(DicomDataset dataset, DicomElement e)
        {
            if (e.Tag == DicomTags.SpecificCharacterSet && options.DeclareUtf8)
            {
                writer.WriteStartArray("Value"u8);
                writer.WriteStringValue(DicomCharacterSet.Utf8Term);
                writer.WriteEndArray();
                return;
            }
            if (e.Length == 0) return;  // PS3.18 F.2.5: an empty value has no "Value" key
            var vr = e.VR;
            if (vr.IsBulk)
            {
                WriteBinary(vr, e.Length, () => e.Value);
                return;
            }
            if (vr.IsText)
            {
                WriteText(dataset, e);
                return;
            }
            WriteNumbers(e);
        }

        /// <summary>Encapsulated pixel data is written as its whole encapsulated value field (PS3.5 §A.4).</summary>
        private void WriteFragments(DicomFragments fragments)
        {
            long length = DicomJsonEncapsulation.EncodedLength(fragments);
            WriteBinary(fragments.VR, length, () => DicomJsonEncapsulation.Encode(fragments));
        }

        private void WriteBinary(DicomVR vr, long length, Func<ReadOnlyMemory<byte>> value)
        {
            if (options.OmitBinaryValues) return;
            var uri = options.BulkDataUri?.Invoke(new DicomBulkDataCandidate(_path[^1], vr, length, _path.ToArray()));
            if (uri is not null)
            {
                writer.WriteString("BulkDataURI"u8, uri);  // PS3.18 F.2.6
                return;
            }
            writer.WriteBase64String("InlineBinary"u8, value().Span);  // PS3.18 F.2.7
        }

        private void WriteText(DicomDataset dataset, DicomElement e)
        {
            var values = DicomDataset.SplitText(dataset.DecodeText(e), e.VR);
            if (e.VR == DicomVR.PN)
            {
                for (int i = 0; i < values.Length; i++) values[i] = TrimPersonName(values[i]);
            }
            if (values.Length == 1 && values[0].Length == 0) return;
            writer.WriteStartArray("Value"u8);
            foreach (var value in values)
            {
                if (value.Length == 0)
                    writer.WriteNullValue();  // PS3.18 F.2.5: an empty value among others is null
                else if (e.VR == DicomVR.PN)
                    WritePersonName(value);
                else if (e.VR == DicomVR.DS || e.VR == DicomVR.IS)
                    WriteNumberText(value, e.VR == DicomVR.IS);
                else
                    writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }

        /// <summary>DS and IS are JSON numbers (PS3.18 F.2.3); text that is no number at all stays a string.</summary>
        private void WriteNumberText(string value, bool integer)
        {
            var number = integer ? DicomJsonNumbers.NormalizeInteger(value) : DicomJsonNumbers.NormalizeDecimal(value);
            if (number is null) writer.WriteStringValue(value);
            else writer.WriteRawValue(number, skipInputValidation: true);
        }

        /// <summary>PS3.18 F.2.2: component groups as Alphabetic, Ideographic, Phonetic; empty groups are left out.</summary>
        private void WritePersonName(string value)
        {
            var groups = value.Split('=', 3);
            writer.WriteStartObject();
            if (groups[0].Length > 0) writer.WriteString("Alphabetic"u8, groups[0]);
            if (groups.Length > 1 && groups[1].Length > 0) writer.WriteString("Ideographic"u8, groups[1]);
            if (groups.Length > 2 && groups[2].Length > 0) writer.WriteString("Phonetic"u8, groups[2]);
            writer.WriteEndObject();
        }

        /// <summary>Empty trailing components and groups carry nothing (PS3.5 §6.2.1.1): "^^^^" is an empty name.</summary>
        private static string TrimPersonName(string value)
        {
            var groups = value.Split('=');
            for (int i = 0; i < groups.Length; i++) groups[i] = groups[i].TrimEnd('^', ' ');
            return string.Join('=', groups).TrimEnd('=');
        }

        private void WriteNumbers(DicomElement e)
        {
            var span = e.Value.Span;
            int size = e.VR.BinaryElementSize;
            if (size == 0 || span.Length < size) return;
            writer.WriteStartArray("Value"u8);
            for (int i = 0; i + size <= span.Length; i += size)
            {
                var s = span[i..];
                switch (e.VR.Code)
                {
                    case 0x5553: writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(s)); break;  // US
                    case 0x5353: writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(s)); break;   // SS
                    case 0x554C: writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(s)); break;  // UL
                    case 0x534C: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(s)); break;   // SL
                    case 0x464C: WriteFloat(BinaryPrimitives.ReadSingleLittleEndian(s)); break;                // FL
                    case 0x4644: WriteFloat(BinaryPrimitives.ReadDoubleLittleEndian(s)); break;                // FD
                    case 0x5356: WriteLong(BinaryPrimitives.ReadInt64LittleEndian(s)); break;                  // SV
                    case 0x5556: WriteULong(BinaryPrimitives.ReadUInt64LittleEndian(s)); break;                // UV
                    case 0x4154:                                                                               // AT
                        var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(s), BinaryPrimitives.ReadUInt16LittleEndian(s[2..]));
                        writer.WriteStringValue(tag.ToJsonKey());  // PS3.18 F.2.3: AT as "GGGGEEEE"
                        break;
                }
            }
            writer.WriteEndArray();
        }

        private void WriteFloat(float value)
        {
            if (float.IsFinite(value)) writer.WriteNumberValue(value);
            else WriteNonFinite(value);
        }

        private void WriteFloat(double value)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else WriteNonFinite(value);
        }

        /// <summary>JSON has no NaN or infinity; they are written as the strings PS3.18 F.2.3.1 names.</summary>
        private void WriteNonFinite(double value) =>
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf");

        private void WriteLong(long value)
        {
            if (value is >= -MaxExactInteger and <= MaxExactInteger) writer.WriteNumberValue(value);
            else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }

        private void WriteULong(ulong value)
        {
            if (value <= MaxExactInteger) writer.WriteNumberValue(value);
            else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
