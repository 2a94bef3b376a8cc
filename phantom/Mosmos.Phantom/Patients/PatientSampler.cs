using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Patients;

/// <summary>Draws a patient from the seed. Frequencies are chosen so 200 seeds show every condition several times.</summary>
public static class PatientSampler
{
    private static readonly string[] ScaledOrgans =
    [
        "spleen", "kidney_right", "kidney_left", "gallbladder", "liver", "stomach", "pancreas",
        "adrenal_gland_right", "adrenal_gland_left", "duodenum", "prostate", "uterus", "aorta",
    ];

    public static PatientParameters Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var sex = rng.Chance(0.5) ? Sex.Male : Sex.Female;
        var age = (int)Math.Round(rng.Uniform(22, 88));
        // Women are on average ~7 % smaller in body dimensions (a single factor keeps the anatomy coherent).
        var frame = (sex == Sex.Male ? 1.0 : 0.93) * rng.Normal(1.0, 0.05);
        var fat = Math.Clamp(rng.Normal(sex == Sex.Male ? 20 : 26, 10), 4, 55);
        var scaleX = frame * rng.Normal(1.0, 0.03) * (1 + (fat - 20) / 400);
        var scaleY = frame * rng.Normal(1.0, 0.04) * (1 + (fat - 20) / 300);
        var scaleZ = frame * rng.Normal(1.0, 0.03);
        var organs = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in ScaledOrgans) organs[id] = rng.Normal(1.0, 0.07);

        var p = SamplePathologies(rng.Fork("pathologies"), sex, age);
        var heightM = Math.Round(1.72 * scaleZ * (sex == Sex.Male ? 1.03 : 0.97), 2);
        var weightKg = Math.Round(22 * heightM * heightM * (scaleX * scaleY) * (1 + (fat - 20) / 60), 0);
        return new PatientParameters
        {
            Sex = sex,
            AgeYears = age,
            ScaleX = scaleX,
            ScaleY = scaleY,
            ScaleZ = scaleZ,
            SubcutaneousFatMm = fat,
            WeightKg = weightKg,
            HeightM = heightM,
            OrganScale = organs,
            Pathologies = p,
            BladderFilling = rng.Uniform(0.45, 1.3),
        };
    }

    private static Pathologies SamplePathologies(Xoshiro256 rng, Sex sex, int age)
    {
        var older = age > 55 ? 1.5 : 1.0;
        var splenectomy = rng.Chance(0.05);
        var nephrectomy = rng.Chance(0.07 * older) ? (Side?)(rng.Chance(0.5) ? Side.Left : Side.Right) : null;
        Side? hydro = rng.Chance(0.08) ? (rng.Chance(0.5) ? Side.Left : Side.Right) : null;
        if (hydro == nephrectomy) hydro = null;
        var cholecystectomy = rng.Chance(0.12 * older);
        var lesions = new List<Lesion>();
        int count = rng.Chance(0.35) ? rng.Next(1, 4) : 0;
        for (int i = 0; i < count; i++)
        {
            var host = rng.Pick(LesionHosts);
            if ((host == "spleen" && splenectomy) || (host == "kidney_right" && nephrectomy == Side.Right)
                || (host == "kidney_left" && nephrectomy == Side.Left))
                continue;
            var kind = rng.Chance(0.55) ? LesionKind.Cyst : rng.Chance(0.6) ? LesionKind.Hypoenhancing : LesionKind.Hyperenhancing;
            var offset = new[] { rng.Uniform(-0.45, 0.45), rng.Uniform(-0.45, 0.45), rng.Uniform(-0.45, 0.45) };
            var radius = Math.Round(kind == LesionKind.Cyst ? rng.Uniform(5, 22) : rng.Uniform(6, 18), 1);
            lesions.Add(new Lesion(host, kind, offset, radius));
        }
        return new Pathologies
        {
            Splenectomy = splenectomy,
            Splenomegaly = !splenectomy && rng.Chance(0.12),
            Hepatomegaly = rng.Chance(0.10),
            Nephrectomy = nephrectomy,
            Cholecystectomy = cholecystectomy,
            Gallstones = !cholecystectomy && rng.Chance(0.12),
            Hysterectomy = sex == Sex.Female && rng.Chance(0.12 * older),
            Hydronephrosis = hydro,
            Ascites = rng.Chance(0.08),
            Lesions = lesions,
        };
    }

    private static readonly string[] LesionHosts = ["liver", "liver", "liver", "kidney_right", "kidney_left", "spleen"];
}
