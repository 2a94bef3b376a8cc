using System.Text;
using Microsoft.ML.Tokenizers;
using Mosmos.Datasets.Reports;

namespace Mosmos.Trainer.Text;

/// <summary>
/// Report text → WordPiece token ids for the MOSMOS text encoder, BERT-uncased style: control characters
/// dropped, lower-cased, accents stripped (NFD, non-spacing marks removed), split on whitespace and punctuation,
/// CJK characters one token each, then greedy longest-match WordPiece with <c>##</c> continuations; a word that
/// cannot be pieced (or is over 100 characters) becomes [UNK]. The work is done by Microsoft.ML.Tokenizers'
/// <see cref="BertTokenizer"/>; this class fixes its options and makes hostile text safe to pass.
/// </summary>
public sealed class ReportTokenizer
{
    /// <summary>The special tokens, in the order <see cref="WordPieceVocabularyBuilder"/> writes them first.</summary>
    public static readonly IReadOnlyList<string> SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>Vocabulary files above this size are refused before reading (ours is a few thousand lines).</summary>
    public const long MaxVocabularyBytes = 16 << 20;

    private readonly BertTokenizer _bert;
    private readonly string[] _tokens;

    private ReportTokenizer(BertTokenizer bert, string[] tokens)
    {
        _bert = bert;
        _tokens = tokens;
    }

    /// <summary>The committed vocabulary (<c>trainer/Text/vocab.txt</c>), copied beside the trainer binary.</summary>
    public static string DefaultVocabularyPath => Path.Combine(AppContext.BaseDirectory, "Text", "vocab.txt");

    public int VocabularySize => _tokens.Length;

    public int PadId => _bert.PaddingTokenId;

    public int ClsId => _bert.ClassificationTokenId;

    public int SepId => _bert.SeparatorTokenId;

    public int MaskId => _bert.MaskingTokenId;

    public int UnknownId => _bert.UnknownTokenId;

    /// <summary>Loads a WordPiece vocabulary (UTF-8, one token per line, id = line number from 0).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="VocabularyFormatException">The file is too large, has blank or duplicate lines, or lacks a special token.</exception>
    public static ReportTokenizer Load(string vocabPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabPath);
        var info = new FileInfo(vocabPath);
        if (!info.Exists) throw new FileNotFoundException($"{vocabPath}: vocabulary file not found", vocabPath);
        if (info.Length > MaxVocabularyBytes) VocabularyFormatException.Throw(vocabPath, $"{info.Length} bytes, more than {MaxVocabularyBytes}");
        var lines = File.ReadAllLines(vocabPath);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].Any(char.IsWhiteSpace)) VocabularyFormatException.Throw(vocabPath, $"line {i + 1} is blank or contains white space");
            if (!seen.Add(lines[i])) VocabularyFormatException.Throw(vocabPath, $"line {i + 1}: duplicate token '{lines[i]}'");
        }
        foreach (var special in SpecialTokens)
        {
            if (!seen.Contains(special)) VocabularyFormatException.Throw(vocabPath, $"special token {special} is missing");
        }
        using var stream = File.OpenRead(vocabPath);
        return new ReportTokenizer(BertTokenizer.Create(stream, Options()), lines);
    }

    /// <summary>
    /// [CLS] tokens… [SEP], at most <paramref name="maxTokens"/> ids in all (the text is cut at a word-piece
    /// boundary), no padding. Any string is accepted: unpaired surrogates become U+FFFD, which the normaliser
    /// drops like a control character.
    /// </summary>
    public int[] Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        IReadOnlyList<int> body = maxTokens == 2 ? [] : _bert.EncodeToIds(Prepare(text), maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new int[body.Count + 2];
        ids[0] = ClsId;
        for (var i = 0; i < body.Count; i++) ids[i + 1] = body[i];
        ids[^1] = SepId;
        return ids;
    }

    /// <summary>The token strings of <paramref name="ids"/> (for logs and tests); unknown ids throw.</summary>
    public IReadOnlyList<string> Tokens(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. ids.Select(id => (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(ids), id, "not a token id"))];
    }

    /// <summary>Text back from ids, [PAD], [CLS], [SEP] and [MASK] left out ([UNK] stays), pieces joined.</summary>
    /// <remarks>Filtered here: with <c>SplitOnSpecialTokens</c> off the package's <c>skipSpecialTokens</c> keeps them.</remarks>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _bert.Decode(ids.Where(id => id != PadId && id != ClsId && id != SepId && id != MaskId), skipSpecialTokens: false) ?? "";
    }

    /// <summary>
    /// The words the tokenizer sees before WordPiece: normalised and pre-tokenised exactly as <see cref="Encode"/>
    /// does, so the vocabulary builder counts the same units the tokenizer will piece.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = WordSplitter.Normalizer!.Normalize(Prepare(text));
        foreach (var (offset, length) in WordSplitter.PreTokenizer!.PreTokenize(normalized))
            yield return normalized.Substring(offset, length);
    }

    private static BertOptions Options() => new()
    {
        LowerCaseBeforeTokenization = true,
        RemoveNonSpacingMarks = true,   // BERT-uncased strips accents; the package's default keeps them
        ApplyBasicTokenization = true,
        IndividuallyTokenizeCjk = true,
        SplitOnSpecialTokens = false,   // "[CLS]" typed in a report is text, not a control token
    };

    // A tokenizer on the special tokens alone: only its normaliser and pre-tokeniser are used.
    private static readonly BertTokenizer WordSplitter = CreateWordSplitter();

    private static BertTokenizer CreateWordSplitter()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', SpecialTokens) + "\n"));
        return BertTokenizer.Create(stream, Options());
    }

    /// <summary>
    /// Accents folded with <see cref="TextFolding"/> (the package's accent stripping relies on string
    /// normalisation, which <c>InvariantGlobalization</c> turns off) and unpaired UTF-16 surrogates replaced by
    /// U+FFFD (normalisation would throw on them; the BERT normaliser then drops U+FFFD).
    /// </summary>
    internal static string Prepare(string text)
    {
        var ascii = true;
        foreach (var c in text)
        {
            if (c >= 0x80) { ascii = false; break; }
        }
        if (ascii) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else TextFolding.Append(sb, c);
        }
        return sb.ToString();
    }
}
