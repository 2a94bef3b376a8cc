namespace Mosmos.Datasets.Reports;

internal enum Cue : byte
{
    /// <summary>A finding that makes the organ it is attached to abnormal: "lesion", "enlarged", "cyst".</summary>
    Abnormal,
    /// <summary>Negation of what follows (NegEx pre-trigger): "no", "without", "negative for".</summary>
    NegationBefore,
    /// <summary>Negation of what precedes (NegEx post-trigger): "ruled out", "resolved", "unlikely".</summary>
    NegationAfter,
    /// <summary>"not seen", "not visualized": negates a preceding finding; after an organ, the organ may be absent.</summary>
    NotSeen,
    /// <summary>Looks like a negation but is none; hedges ("not excluded", "cannot be excluded").</summary>
    PseudoNegationHedge,
    /// <summary>Looks like a negation but is none; neutral ("no change", "not only").</summary>
    PseudoNegation,
    /// <summary>Uncertainty: "possible", "suspicious for", "indeterminate".</summary>
    Hedge,
    /// <summary>Ends a negation's scope and the clause: "but", "however", "except".</summary>
    Terminator,
    /// <summary>The organ that follows is a landmark, not the finding's site: "adjacent to", "abutting".</summary>
    Relational,
    /// <summary>An atrophy or fat finding that is normal for age: "age-appropriate", "postmenopausal".</summary>
    AgeQualifier,
    Partial,
    Total,
    Left,
    Right,
    Both,
    /// <summary>"absent": of an organ next to it, absence; after a finding, negation; before another noun, a finding ("absent flow").</summary>
    Absent,
    /// <summary>"removed", "resected": after an organ, absence.</summary>
    Removed,
    /// <summary>"absence of": before an organ, absence; otherwise a negation.</summary>
    AbsenceOf,
    /// <summary>"empty": with "renal fossa", absence.</summary>
    Empty,
}

/// <summary>
/// Context words around organ mentions: NegEx-style negation triggers (pre, post, pseudo) and terminators
/// (Chapman et al. 2001, "A simple algorithm for identifying negated findings and diseases in discharge
/// summaries"), hedges, finding words, sides, qualifiers. Phrases are folded like <see cref="OrganLexicon"/>.
/// </summary>
internal static class ContextCues
{
    public static readonly PhraseTable<Cue> Table = Build();

    /// <summary>Words that may stand between an organ and "absent"/"removed" ("the spleen has been surgically removed").</summary>
    public static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "now", "surgically", "completely", "entirely",
        "totally", "also", "appears", "appear", "seems", "seem", "previously", "then", "since",
    };

    /// <summary>Words that join organ mentions into one group ("the liver, spleen and pancreas").</summary>
    public static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "and", "or", "the", "both", "gland", "glands", "abdominal", "distal", "proximal", "a", "as", "well", "its",
    };

    private static PhraseTable<Cue> Build()
    {
        var t = new PhraseTable<Cue>();
        void Add(Cue cue, params string[] phrases)
        {
            foreach (var p in phrases) t.Add(p, cue);
        }
        Add(Cue.Abnormal,
            "lesion", "lesions", "mass", "masses", "cyst", "cysts", "cystic", "nodule", "nodules", "nodular", "tumor", "tumors", "tumour",
            "tumours", "neoplasm", "neoplasms", "neoplastic", "malignancy", "malignant", "metastasis", "metastases", "metastatic",
            "carcinoma", "cancer", "lymphoma", "adenoma", "adenomas", "myelolipoma", "angiomyolipoma", "hemangioma", "haemangioma",
            "hamartoma", "hypodensity", "hypodensities", "hyperdensity", "hypodense", "hyperdense", "hypoattenuating", "hyperattenuating",
            "hypoenhancing", "hyperenhancing", "hypervascular", "hypovascular", "focus", "foci", "calculus", "calculi", "stone", "stones",
            "lithiasis", "urolithiasis", "nephrocalcinosis", "hydroureter", "dilated", "dilatation", "dilation", "enlarged", "enlargement",
            "hypertrophy", "hypertrophied", "thickening", "thickened", "inflammation", "inflamed", "inflammatory", "edema", "oedema",
            "edematous", "stranding", "fatty", "fatty infiltration", "atrophy", "atrophic", "scar", "scars", "scarring", "infiltration",
            "infiltrative", "abnormal", "abnormality", "abnormalities", "injury", "laceration", "hematoma", "haematoma", "rupture",
            "ruptured", "infarct", "infarcts", "infarction", "ischemia", "ischemic", "abscess", "abscesses", "perforation", "obstruction",
            "obstructed", "obstructing", "scarred", "stenosis", "stricture", "thrombus", "thrombosis", "thrombosed", "occlusion", "occluded",
            "aneurysm", "aneurysmal", "ectasia", "ectatic", "dissection", "varices", "diverticulum", "diverticula", "polyp", "polyps",
            "sludge", "pathologic", "pathological", "heterogeneous enhancement", "post surgical changes", "postsurgical changes");
        Add(Cue.NegationBefore,
            "no", "not", "without", "negative for", "no evidence of", "no evidence for", "no sign of", "no signs of", "no suspicious",
            "free of", "never", "neither", "nor", "denies", "rather than", "no definite", "no new", "no longer");
        Add(Cue.NegationAfter, "ruled out", "is ruled out", "are ruled out", "resolved", "has resolved", "have resolved", "unlikely",
            "excluded", "is excluded");
        Add(Cue.NotSeen, "not seen", "not identified", "not visualized", "not visualised", "not demonstrated", "not present", "not evident",
            "not detected", "not appreciated", "no longer seen", "no longer visualized", "no longer visualised", "no longer present",
            "no longer identified", "not clearly seen", "not clearly visualized", "not definitely seen");
        Add(Cue.PseudoNegationHedge, "not excluded", "not be excluded", "cannot be excluded", "cannot exclude", "can not be excluded",
            "can't exclude", "can't be excluded", "not ruled out", "cannot be ruled out", "not been excluded", "not entirely excluded",
            "not be ruled out");
        Add(Cue.PseudoNegation, "no change", "no interval change", "no significant change", "no significant interval change", "not only",
            "no increase", "no decrease", "not changed", "no substantial change", "without change", "without interval change",
            "not necessarily", "no further");
        Add(Cue.Hedge, "possible", "possibly", "probable", "probably", "likely", "may", "might", "could", "suspicious", "suspected",
            "suspect", "suspicion", "questionable", "equivocal", "indeterminate", "concerning", "suggestive", "suggests", "versus", "vs",
            "differential", "presumed", "presumably", "uncertain", "unclear", "question of", "too small to characterize",
            "too small to characterise", "cannot be characterized", "cannot be characterised", "borderline");
        Add(Cue.Terminator, "but", "however", "although", "though", "yet", "except", "aside from", "apart from", "whereas", "while",
            "which", "with the exception of", "otherwise");
        Add(Cue.Relational, "adjacent", "abutting", "abuts", "near", "anterior", "posterior", "medial", "lateral", "superior", "inferior",
            "between", "displacing", "displaces", "compressing", "compresses", "indenting", "indents", "contacting", "separate from",
            "distinct from", "close to", "next to");
        Add(Cue.AgeQualifier, "age", "age appropriate", "age related", "postmenopausal", "senescent", "involutional", "for age");
        Add(Cue.Partial, "partial", "partially", "subtotal", "hemi", "sleeve", "segmental", "wedge", "limited");
        Add(Cue.Total, "total", "complete", "completion", "radical", "simple");
        Add(Cue.Left, "left", "l", "lt");
        Add(Cue.Right, "right", "r", "rt");
        Add(Cue.Both, "bilateral", "bilaterally", "both");
        Add(Cue.Absent, "absent", "surgically absent", "status post removal of");
        Add(Cue.Removed, "removed", "resected", "excised", "explanted", "surgically removed", "taken out");
        Add(Cue.AbsenceOf, "absence of");
        Add(Cue.Empty, "empty");
        return t;
    }
}
