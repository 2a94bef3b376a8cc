using System.Globalization;
using System.Text;

namespace Mosmos.Datasets.Reports;

internal enum TokenKind : byte { Word, Number, Comma, Semicolon, Colon, Open, Close, Slash, SentenceEnd, LineBreak }

/// <summary>A folded word or number, or one punctuation mark; <see cref="Start"/>..<see cref="End"/> in the original text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End)
{
    public bool IsWord => Kind is TokenKind.Word or TokenKind.Number;
}

/// <summary>
/// Report text → tokens in one linear pass: words are runs of letters and digits (folded by
/// <see cref="TextFolding"/>; an apostrophe inside a word and a decimal point inside a number are kept), and
/// punctuation that matters for sentences, clauses and headings becomes its own token. Everything else
/// (spaces, hyphens, symbols, control characters, unpaired surrogates) separates words. "s/p" becomes "status
/// post", "w/o" "without"; list numbers at the start of a line ("1.", "2)") are dropped.
/// </summary>
internal static class ReportLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        var word = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                var start = i;
                var number = true;
                word.Clear();
                for (; i < text.Length; i++)
                {
                    c = text[i];
                    if (IsWordChar(c)) { number &= char.IsAsciiDigit(c); TextFolding.Append(word, c); }
                    else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) { }
                    else if ((c == '.' || c == ',') && number && Next(text, i) is { } d && char.IsAsciiDigit(d)) word.Append('.');
                    else if (c is '\'' or '\u2019' && !number && Next(text, i) is { } l && char.IsLetter(l)) word.Append('\'');
                    else break;
                }
                tokens.Add(new Token(number ? TokenKind.Number : TokenKind.Word, word.ToString(), start, i));
                continue;
            }
            var kind = c switch
            {
                '\n' or '\r' or '\u2028' or '\u2029' => TokenKind.LineBreak,
                '.' or '!' or '?' => TokenKind.SentenceEnd,
                ',' => TokenKind.Comma,
                ';' => TokenKind.Semicolon,
                ':' => TokenKind.Colon,
                '(' or '[' or '{' => TokenKind.Open,
                ')' or ']' or '}' => TokenKind.Close,
                '/' => TokenKind.Slash,
                _ => (TokenKind?)null,
            };
            if (kind is { } k && !(k is TokenKind.LineBreak or TokenKind.SentenceEnd && tokens.Count > 0 && tokens[^1].Kind == k))
                tokens.Add(new Token(k, c.ToString(), i, i + 1));
            i++;
        }
        return Rewrite(tokens);
    }

    private static char? Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : null;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    /// <summary>Expands "s/p" and "w/o", drops list numbers at line starts.</summary>
    private static List<Token> Rewrite(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var lineStart = result.Count == 0 || result[^1].Kind == TokenKind.LineBreak;
            if (lineStart && t.Kind == TokenKind.Number && i + 1 < tokens.Count && tokens[i + 1].Kind is TokenKind.SentenceEnd or TokenKind.Close)
            {
                i++;
                continue;
            }
            if (t.Kind == TokenKind.Word && i + 2 < tokens.Count && tokens[i + 1].Kind == TokenKind.Slash && tokens[i + 2].Kind == TokenKind.Word
                && (t.Text, tokens[i + 2].Text) is ("s", "p") or ("w", "o"))
            {
                var end = tokens[i + 2].End;
                if (t.Text == "s")
                {
                    result.Add(new Token(TokenKind.Word, "status", t.Start, end));
                    result.Add(new Token(TokenKind.Word, "post", t.Start, end));
                }
                else result.Add(new Token(TokenKind.Word, "without", t.Start, end));
                i += 2;
                continue;
            }
            result.Add(t);
        }
        return result;
    }
}
