namespace Mosmos.Datasets.Reports;

/// <summary>Kidneys and adrenals are named without a side more often than with one; the side is resolved per sentence.</summary>
internal enum Pair : byte { None, Kidney, Adrenal }

internal enum MentionKind : byte
{
    /// <summary>The organ itself: "liver", "hepatic", "GB", "L kidney".</summary>
    Organ,
    /// <summary>A word that names a finding of one organ: "splenomegaly", "hydronephrosis" (abnormal unless negated).</summary>
    Finding,
    /// <summary>An operation that removes the organ: "cholecystectomy" (absent; abnormal when "partial").</summary>
    Removal,
    /// <summary>An operation that usually removes part of it: "gastrectomy", "hepatectomy" (abnormal; absent when "total").</summary>
    PartialRemoval,
    /// <summary>Phrases that contain an organ word but name something else: "splenic vein", "hepatic flexure".</summary>
    NotOrgan,
}

/// <param name="Organs">Catalog ids of unpaired organs.</param>
/// <param name="Plural">"kidneys", "adrenal glands": both sides.</param>
/// <param name="Fossa">"renal fossa": empty means the kidney is absent.</param>
internal sealed record OrganEntry(string[] Organs, Pair Pair, MentionKind Kind, bool Plural = false, bool Fossa = false);

/// <summary>
/// Synonyms, abbreviations, adjectives, group words, findings and operations for each of the 16 catalog organs
/// (dicom/Coding/OrganCatalog.cs; DESIGN §4: "report synonyms for tag extraction are keyed by the same ids").
/// Phrases are folded (lower case, no accents, hyphens as spaces).
/// </summary>
internal static class OrganLexicon
{
    public static readonly PhraseTable<OrganEntry> Table = Build();

    /// <summary>Every catalog id the lexicon can produce, with the sides of the paired organs.</summary>
    public static IEnumerable<string> OrganIds => Table.Values.SelectMany(e => e.Pair switch
    {
        Pair.Kidney => ["kidney_right", "kidney_left"],
        Pair.Adrenal => ["adrenal_gland_right", "adrenal_gland_left"],
        _ => e.Organs,
    }).Distinct(StringComparer.Ordinal);

    private static PhraseTable<OrganEntry> Build()
    {
        var t = new PhraseTable<OrganEntry>();
        void Add(MentionKind kind, string[] organs, params string[] phrases)
        {
            foreach (var p in phrases) t.Add(p, new OrganEntry(organs, Pair.None, kind));
        }
        void Paired(Pair pair, MentionKind kind, bool plural, params string[] phrases)
        {
            foreach (var p in phrases) t.Add(p, new OrganEntry([], pair, kind, plural));
        }
        string[] none = [];

        Add(MentionKind.Organ, ["spleen"], "spleen", "splenic", "splenic parenchyma", "splenic hilum");
        Add(MentionKind.Finding, ["spleen"], "splenomegaly");
        Add(MentionKind.Removal, ["spleen"], "splenectomy");
        Add(MentionKind.NotOrgan, none, "splenic vein", "splenic veins", "splenic artery", "splenic arteries", "splenic flexure",
            "splenule", "splenules", "splenic hilar lymph node", "splenic hilar lymph nodes");

        Add(MentionKind.Organ, ["liver"], "liver", "livers", "hepatic", "intrahepatic", "hepatic parenchyma", "hepatocellular");
        Add(MentionKind.Finding, ["liver"], "hepatomegaly", "steatosis", "cirrhosis", "cirrhotic", "hepatitis");
        Add(MentionKind.PartialRemoval, ["liver"], "hepatectomy", "hemihepatectomy", "hepatic resection", "liver resection");
        Add(MentionKind.NotOrgan, none, "hepatic flexure", "hepatic vein", "hepatic veins", "hepatic artery", "hepatic arteries",
            "hepatic duct", "hepatic ducts", "common hepatic duct", "portal vein", "perihepatic", "intrahepatic bile ducts",
            "intrahepatic biliary", "hepatic ligament", "hepatoduodenal ligament", "hepatorenal", "hepatorenal recess");
        Add(MentionKind.Finding, ["liver", "spleen"], "hepatosplenomegaly");
        Add(MentionKind.Organ, ["liver", "gallbladder"], "hepatobiliary");

        Add(MentionKind.Organ, ["gallbladder"], "gallbladder", "gallbladders", "gall bladder", "gb", "pericholecystic", "gallbladder wall");
        Add(MentionKind.Finding, ["gallbladder"], "cholelithiasis", "gallstone", "gallstones", "gall stones", "cholecystitis");
        Add(MentionKind.Removal, ["gallbladder"], "cholecystectomy");
        Add(MentionKind.NotOrgan, none, "gallbladder fossa", "gb fossa", "gallbladder bed");

        Add(MentionKind.Organ, ["pancreas"], "pancreas", "pancreatic", "peripancreatic", "pancreatic duct");
        Add(MentionKind.Finding, ["pancreas"], "pancreatitis");
        Add(MentionKind.PartialRemoval, ["pancreas"], "pancreatectomy");

        Paired(Pair.Kidney, MentionKind.Organ, false, "kidney", "renal", "renal pelvis", "renal parenchyma", "renal cortex", "perinephric",
            "perirenal", "extrarenal pelvis", "renal collecting system", "nephric");
        Paired(Pair.Kidney, MentionKind.Organ, true, "kidneys", "both kidneys");
        Paired(Pair.Kidney, MentionKind.Finding, false, "hydronephrosis", "hydroureteronephrosis", "nephrolithiasis", "pyelonephritis",
            "hydronephrotic", "nephritis");
        Paired(Pair.Kidney, MentionKind.Removal, false, "nephrectomy", "nephroureterectomy");
        Paired(Pair.Kidney, MentionKind.PartialRemoval, false, "heminephrectomy");
        foreach (var p in new[] { "renal fossa", "nephrectomy bed", "renal bed" }) t.Add(p, new OrganEntry([], Pair.Kidney, MentionKind.Organ, Fossa: true));
        Add(MentionKind.NotOrgan, none, "renal artery", "renal arteries", "renal vein", "renal veins", "infrarenal", "pararenal",
            "suprarenal aorta", "renal stent");

        Paired(Pair.Adrenal, MentionKind.Organ, false, "adrenal", "adrenal gland", "suprarenal", "suprarenal gland");
        Paired(Pair.Adrenal, MentionKind.Organ, true, "adrenals", "adrenal glands", "suprarenal glands", "both adrenals");
        Paired(Pair.Adrenal, MentionKind.Removal, false, "adrenalectomy");
        Add(MentionKind.NotOrgan, none, "adrenal vein", "adrenal veins");

        Add(MentionKind.Organ, ["stomach"], "stomach", "gastric", "gastric wall", "gastric antrum", "gastric fundus", "gastric body");
        Add(MentionKind.Finding, ["stomach"], "gastritis");
        Add(MentionKind.PartialRemoval, ["stomach"], "gastrectomy");
        Add(MentionKind.NotOrgan, none, "gastric artery", "gastric arteries", "gastric vein", "gastroduodenal artery", "gastrocolic ligament",
            "gastrohepatic ligament", "gastrosplenic ligament");

        Add(MentionKind.Organ, ["duodenum"], "duodenum", "duodenal", "duodenal sweep", "duodenal bulb", "duodenal loop");
        Add(MentionKind.Finding, ["duodenum"], "duodenitis");

        Add(MentionKind.Organ, ["esophagus"], "esophagus", "oesophagus", "esophageal", "oesophageal", "gastroesophageal junction",
            "gastro oesophageal junction", "gastroesophageal", "ge junction");
        Add(MentionKind.Finding, ["esophagus"], "esophagitis", "oesophagitis");
        Add(MentionKind.Removal, ["esophagus"], "esophagectomy", "oesophagectomy");

        Add(MentionKind.Organ, ["aorta"], "aorta", "aortic", "abdominal aorta", "infrarenal aorta", "aortic bifurcation", "aortoiliac");
        Add(MentionKind.Finding, ["aorta"], "aaa", "aortitis");
        Add(MentionKind.NotOrgan, none, "aortic valve", "periaortic", "paraaortic", "para aortic", "aortocaval", "retroaortic", "aortic node",
            "aortic nodes");

        Add(MentionKind.Organ, ["inferior_vena_cava"], "ivc", "inferior vena cava", "vena cava", "cava", "caval", "infrarenal ivc",
            "intrahepatic ivc");
        Add(MentionKind.NotOrgan, none, "superior vena cava", "svc", "retrocaval", "pericaval", "ivc filter");

        Add(MentionKind.Organ, ["urinary_bladder"], "bladder", "urinary bladder", "bladder wall", "bladders");
        Add(MentionKind.Finding, ["urinary_bladder"], "cystitis");
        Add(MentionKind.Removal, ["urinary_bladder"], "cystectomy");
        Add(MentionKind.Removal, ["urinary_bladder", "prostate"], "cystoprostatectomy");

        Add(MentionKind.Organ, ["prostate"], "prostate", "prostatic", "prostate gland");
        Add(MentionKind.Finding, ["prostate"], "prostatomegaly", "bph", "prostatitis");
        Add(MentionKind.Removal, ["prostate"], "prostatectomy");

        Add(MentionKind.Organ, ["uterus"], "uterus", "uterine", "endometrium", "endometrial", "myometrium", "myometrial");
        Add(MentionKind.Finding, ["uterus"], "fibroid", "fibroids", "fibroid uterus", "leiomyoma", "leiomyomas", "adenomyosis");
        Add(MentionKind.Removal, ["uterus"], "hysterectomy");
        Add(MentionKind.NotOrgan, none, "uterine artery", "uterine arteries", "cervix", "cervical", "adnexa", "adnexal", "ovary", "ovaries");
        return t;
    }
}
