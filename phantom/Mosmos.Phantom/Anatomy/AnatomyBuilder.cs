using Mosmos.Phantom.Patients;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Builds a patient's structures in paint order: body wall, thorax, peritoneal fluid and bowel, solid organs,
/// hollow organs and vessels, then muscles and bones (which organs must not overlap), then focal lesions.
/// </summary>
public static class AnatomyBuilder
{
    public static AnatomyModel Build(AnatomyContext c, out IReadOnlyList<Lesion> lesions)
    {
        ArgumentNullException.ThrowIfNull(c);
        var m = new AnatomyModel();
        BodyWall.Add(c, m);
        Thorax.Add(c, m);
        Bowel.Add(c, m);
        UpperAbdomen.AddLiver(c, m);
        UpperAbdomen.AddSpleen(c, m);
        UpperAbdomen.AddStomach(c, m);
        Retroperitoneum.AddPancreas(c, m);
        Retroperitoneum.AddKidney(c, m, Side.Right);
        Retroperitoneum.AddKidney(c, m, Side.Left);
        Retroperitoneum.AddAdrenal(c, m, Side.Right);
        Retroperitoneum.AddAdrenal(c, m, Side.Left);
        UpperAbdomen.AddGallbladder(c, m);
        Retroperitoneum.AddDuodenum(c, m);
        Pelvis.AddUterus(c, m);
        Pelvis.AddBladder(c, m);
        Pelvis.AddProstate(c, m);
        Vessels.AddEsophagus(c, m);
        Vessels.AddVeins(c, m);
        Vessels.AddAorta(c, m);
        Muscles.Add(c, m);
        Skeleton.Add(c, m);
        lesions = Lesions.Add(c, m);
        return m;
    }
}
