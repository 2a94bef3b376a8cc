namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Tissue classes: what a voxel is made of, independent of its organ label. HU per class and contrast phase
/// live in <c>Rendering/TissueTable.cs</c>; a lesion changes the tissue but keeps its organ's label.
/// </summary>
public enum Tissue : byte
{
    Air = 0,
    Table,
    Fat,
    VisceralFat,
    Muscle,
    Ascites,
    Lung,
    HeartBlood,
    Myocardium,
    CorticalBone,
    CancellousBone,
    Disc,
    Csf,
    Cartilage,
    BowelWall,
    Gas,
    Feces,
    BowelFluid,
    Liver,
    Spleen,
    KidneyCortex,
    KidneyMedulla,
    Urine,
    Pancreas,
    Adrenal,
    StomachWall,
    GastricFluid,
    Bile,
    Gallstone,
    Prostate,
    Uterus,
    Esophagus,
    ArterialBlood,
    VenousBlood,
    PortalBlood,
    Cyst,
    HypoenhancingLesion,
    HyperenhancingLesion,
}
