using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Mosmos.Dicom;

public static partial class DicomJsonReader
{
    /// <summary>State of one top-level data set: limits counted so far, and where we are for error messages.</summary>
    private sealed partial class Context(DicomJsonReaderOptions options)
    {
        private readonly List<(DicomTag Tag, int Item)> _path = [];
        private readonly List<DicomDataset> _declaringCharacterSet = [];
        private int _attributes;
        private bool _nonAscii;

        public DicomDataset ReadTopLevel(JsonElement json)
        {
            var dataset = ReadDataset(json, 0);
            // Text was stored as UTF-8: say so wherever a character set is declared, or at the top if none is.
            if (_nonAscii)
            {
                foreach (var declaring in _declaringCharacterSet)
                    declaring.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, DicomCharacterSet.Utf8Term);
                if (!dataset.Contains(DicomTags.SpecificCharacterSet))
                    dataset.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, DicomCharacterSet.Utf8Term);
            }
            return dataset;
        }

        private DicomDataset ReadDataset(JsonElement json, int depth)
        {
            if (json.ValueKind != JsonValueKind.Object) Fail($"expected a data set (JSON object), found {json.ValueKind}");
            var dataset = new DicomDataset { Encoding = Encoding.UTF8 };
            DicomTag previous = default;
            bool first = true;
            foreach (var property in json.EnumerateObject())
            {
                var tag = default(DicomTag);
                if (property.ValidName().Length != 8 || !DicomTag.TryParse(property.ValidName(), out tag))
                    Fail($"'{Shorten(property.ValidName())}' is not a tag (eight hex digits, PS3.18 F.2.1.1)");
                if (!first && tag <= previous && dataset.Contains(tag)) Fail($"attribute {tag.ToJsonKey()} appears twice", tag);
                first = false;
                previous = tag;
                if (++_attributes > options.MaxAttributes) Fail($"more than {options.MaxAttributes} attributes", tag);
                _path.Add((tag, -1));
                var item = ReadAttribute(tag, property.Value, depth);
                _path.RemoveAt(_path.Count - 1);
                dataset.Set(item);
                if (tag == DicomTags.SpecificCharacterSet) _declaringCharacterSet.Add(dataset);
            }
            // Setting (0008,0005) chose an encoding from its terms; our bytes are UTF-8 whatever it said.
            dataset.Encoding = Encoding.UTF8;
            return dataset;
        }

        /// <summary>PS3.18 F.2.2: {"vr": …} with at most one of "Value", "InlineBinary", "BulkDataURI".</summary>
        private DicomItem ReadAttribute(DicomTag tag, JsonElement json, int depth)
        {
            if (json.ValueKind != JsonValueKind.Object) Fail($"expected an attribute object, found {json.ValueKind}", tag);
            DicomVR vr = default;
            bool hasVR = false;
            JsonElement? value = null, inline = null, bulk = null;
            foreach (var p in json.EnumerateObject())
            {
                switch (p.ValidName())
                {
                    case "vr":
                        if (p.Value.ValueKind != JsonValueKind.String || !DicomVR.TryParse(p.Value.ValidString(), out vr))
                            Fail($"unknown VR {Shorten(p.Value.ValidRawText())}", tag);
                        hasVR = true;
                        break;
                    case "Value": value = p.Value; break;
                    case "InlineBinary": inline = p.Value; break;
                    case "BulkDataURI": bulk = p.Value; break;
                    default: Fail($"unexpected key '{Shorten(p.ValidName())}' in an attribute", tag); break;
                }
            }
            if (!hasVR) Fail("attribute without \"vr\"", tag);
            if ((value.HasValue ? 1 : 0) + (inline.HasValue ? 1 : 0) + (bulk.HasValue ? 1 : 0) > 1)
                Fail("an attribute has more than one of Value, InlineBinary and BulkDataURI", tag);
            if (inline is { } b64) return ReadInlineBinary(tag, vr, b64, depth);
            if (bulk is { } uri) return ReadBulkDataUri(tag, vr, uri);
            if (vr == DicomVR.SQ) return ReadSequence(tag, value, depth);
            if (value is not { } values || values.ValueKind == JsonValueKind.Null)
                return new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty);
            if (values.ValueKind != JsonValueKind.Array) Fail($"\"Value\" must be an array, found {values.ValueKind}", tag);
            if (values.GetArrayLength() > options.MaxValuesPerAttribute)
                Fail($"more than {options.MaxValuesPerAttribute} values", tag);
            if (vr.IsBulk) Fail($"VR {vr} takes InlineBinary or BulkDataURI, not Value", tag);
            return new DicomElement(tag, vr, ReadValues(tag, vr, values));
        }

        private DicomSequence ReadSequence(DicomTag tag, JsonElement? value, int depth)
        {
            if (value is not { ValueKind: not JsonValueKind.Null } items) return new DicomSequence(tag, []);
            if (items.ValueKind != JsonValueKind.Array) Fail($"a sequence's \"Value\" must be an array, found {items.ValueKind}", tag);
            if (depth + 1 > options.MaxSequenceDepth) Fail($"sequences nested deeper than {options.MaxSequenceDepth}", tag);
            if (items.GetArrayLength() > options.MaxValuesPerAttribute) Fail($"more than {options.MaxValuesPerAttribute} items", tag);
            var list = new List<DicomDataset>(items.GetArrayLength());
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                _path[^1] = (tag, index++);
                list.Add(ReadDataset(item, depth + 1));
            }
            return new DicomSequence(tag, list);
        }

        [DoesNotReturn]
        private void Fail(string message, DicomTag? tag = null)
        {
            var where = new StringBuilder();
            foreach (var (t, item) in _path)
            {
                if (where.Length > 0) where.Append('.');
                where.Append(t.ToJsonKey());
                if (item >= 0) where.Append('[').Append(item).Append(']');
            }
            throw new DicomFormatException(where.Length > 0 ? $"{message} at {where}" : message, -1, tag);
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
