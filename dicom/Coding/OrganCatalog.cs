namespace Mosmos.Dicom;

/// <summary>One organ MOSMOS segments: its stable id, how it is coded in SEG/SR, and how it is drawn.</summary>
/// <param name="Id">Stable identifier used everywhere (model cards, datasets, report tags), e.g. <c>kidney_right</c>.</param>
/// <param name="DefaultLabel">Label value in the default model's output (AMOS order, then additions).</param>
/// <param name="Laterality">Right or Left modifier for paired organs, else null.</param>
/// <param name="Rgb">Display colour as sRGB; written to SEG as CIELab.</param>
public sealed record Organ(string Id, int DefaultLabel, string DisplayName, CodedConcept Category, CodedConcept Type,
    CodedConcept? Laterality, (byte R, byte G, byte B) Rgb)
{
    public ushort[] CieLabColor => CieLab.FromRgb(Rgb.R, Rgb.G, Rgb.B);

    /// <summary>Laterality (0020,0060) value for SEG/SR series: R, L, or null.</summary>
    public string? LateralityCode => Laterality is null ? null : Laterality.Value == Codes.Right.Value ? "R" : "L";
}

/// <summary>
/// The organ catalog (DESIGN §4): one table used by the phantom generator, the trainer and the SEG/SR writers.
/// Codes are SNOMED CT as in dicom-seg-sr.md §2 (category Anatomical Structure; laterality as type modifier).
/// </summary>
public static class OrganCatalog
{
    private static CodedConcept Sct(string value, string meaning) => new(value, "SCT", meaning);

    private static Organ Make(string id, int label, string name, CodedConcept type, CodedConcept? side, byte r, byte g, byte b) =>
        new(id, label, name, Codes.AnatomicalStructure, type, side, (r, g, b));

    /// <summary>The 15 AMOS organs (prostate and uterus kept apart), then the extra structures.</summary>
    public static readonly IReadOnlyList<Organ> All =
    [
        Make("spleen", 1, "Spleen", Sct("78961009", "Spleen"), null, 157, 108, 162),
        Make("kidney_right", 2, "Right kidney", Sct("64033007", "Kidney"), Codes.Right, 185, 102, 83),
        Make("kidney_left", 3, "Left kidney", Sct("64033007", "Kidney"), Codes.Left, 212, 126, 151),
        Make("gallbladder", 4, "Gallbladder", Sct("28231008", "Gallbladder"), null, 139, 150, 98),
        Make("esophagus", 5, "Esophagus", Sct("32849002", "Esophagus"), null, 211, 171, 143),
        Make("liver", 6, "Liver", Sct("10200004", "Liver"), null, 221, 130, 101),
        Make("stomach", 7, "Stomach", Sct("69695003", "Stomach"), null, 216, 132, 105),
        Make("aorta", 8, "Aorta", Sct("15825003", "Aorta"), null, 224, 97, 76),
        Make("inferior_vena_cava", 9, "Inferior vena cava", Sct("64131007", "Inferior vena cava"), null, 0, 151, 206),
        Make("pancreas", 10, "Pancreas", Sct("15776009", "Pancreas"), null, 249, 180, 111),
        Make("adrenal_gland_right", 11, "Right adrenal gland", Sct("23451007", "Adrenal gland"), Codes.Right, 244, 214, 49),
        Make("adrenal_gland_left", 12, "Left adrenal gland", Sct("23451007", "Adrenal gland"), Codes.Left, 252, 190, 30),
        Make("duodenum", 13, "Duodenum", Sct("38848004", "Duodenum"), null, 255, 253, 229),
        Make("urinary_bladder", 14, "Urinary bladder", Sct("89837001", "Urinary bladder"), null, 222, 154, 132),
        Make("prostate", 15, "Prostate", Sct("41216001", "Prostate"), null, 230, 158, 140),
        Make("uterus", 16, "Uterus", Sct("35039007", "Uterus"), null, 205, 121, 133),
    ];

    private static readonly Dictionary<string, Organ> ById = All.ToDictionary(o => o.Id, StringComparer.Ordinal);

    public static Organ Get(string id) =>
        ById.TryGetValue(id, out var organ) ? organ : throw new KeyNotFoundException($"'{id}' is not in the organ catalog");

    public static bool TryGet(string id, out Organ organ) => ById.TryGetValue(id, out organ!);

    /// <summary>
    /// The catalog organ a coded segment describes (type and laterality must match), used when reading SEGs
    /// made by other tools. Retired SNOMED-RT (SRT) codes are not mapped.
    /// </summary>
    public static Organ? FindByCode(CodedConcept? type, CodedConcept? laterality) =>
        type is null ? null : All.FirstOrDefault(o => o.Type.Matches(type)
            && (o.Laterality is null ? laterality is null : o.Laterality.Matches(laterality)));
}
