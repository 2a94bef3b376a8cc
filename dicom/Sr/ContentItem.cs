namespace Mosmos.Dicom.Sr;

/// <summary>
/// SR content items (PS3.3 C.17.3, Table C.17-5 and the Document Content macro): each returns the item data set
/// with its relationship, value type, concept name and value; children go into its Content Sequence.
/// </summary>
internal static class ContentItem
{
    public const string Contains = "CONTAINS";
    public const string HasConceptModifier = "HAS CONCEPT MOD";
    public const string HasObservationContext = "HAS OBS CONTEXT";

    public static DicomDataset Container(string? relationship, CodedConcept name, IEnumerable<DicomDataset> children)
    {
        var item = Item(relationship, "CONTAINER", name).SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        return WithChildren(item, children);
    }

    public static DicomDataset Code(string relationship, CodedConcept name, CodedConcept value, params IEnumerable<DicomDataset> children) =>
        WithChildren(Item(relationship, "CODE", name).SetSequence(DicomTags.ConceptCodeSequence, value.ToDataset()), children);

    public static DicomDataset Text(string relationship, CodedConcept name, string value) =>
        Item(relationship, "TEXT", name).SetString(DicomTags.TextValue, DicomVR.UT, value);

    public static DicomDataset UidRef(string relationship, CodedConcept name, string uid) =>
        Item(relationship, "UIDREF", name).SetString(DicomTags.Uid, DicomVR.UI, uid);

    /// <summary>NUM with a Measured Value Sequence (PS3.3 C.18.1): the number as DS, its UCUM unit.</summary>
    public static DicomDataset Num(string relationship, CodedConcept name, double value, CodedConcept unit, params IEnumerable<DicomDataset> children)
    {
        var measured = new DicomDataset()
            .SetSequence(DicomTags.MeasurementUnitsCodeSequence, unit.ToDataset())
            .SetDecimals(DicomTags.NumericValue, value);
        return WithChildren(Item(relationship, "NUM", name).SetSequence(DicomTags.MeasuredValueSequence, measured), children);
    }

    /// <summary>IMAGE: a Referenced SOP Sequence item; a segment number goes inside that item (C.18.4).</summary>
    public static DicomDataset Image(string relationship, CodedConcept? name, string sopClassUid, string sopInstanceUid, int? segmentNumber = null)
    {
        var reference = new DicomDataset()
            .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, sopClassUid)
            .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, sopInstanceUid);
        if (segmentNumber is { } n) reference.SetUInt16(DicomTags.ReferencedSegmentNumber, checked((ushort)n));
        return Item(relationship, "IMAGE", name).SetSequence(DicomTags.ReferencedSopSequence, reference);
    }

    private static DicomDataset Item(string? relationship, string valueType, CodedConcept? name)
    {
        var item = new DicomDataset().SetString(DicomTags.ValueType, DicomVR.CS, valueType);
        if (relationship is not null) item.SetString(DicomTags.RelationshipType, DicomVR.CS, relationship);
        if (name is not null) item.SetSequence(DicomTags.ConceptNameCodeSequence, name.ToDataset());
        return item;
    }

    private static DicomDataset WithChildren(DicomDataset item, IEnumerable<DicomDataset> children)
    {
        var list = children.ToArray();
        return list.Length == 0 ? item : item.SetSequence(DicomTags.ContentSequence, list);
    }
}
