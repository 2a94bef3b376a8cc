using Mosmos.Trainer.Harvest;

namespace Mosmos.Trainer.Tests.Harvest;

public sealed class ReportTableTests
{
    [Fact]
    public void CsvWithQuotedMultilineFieldsAndExtraColumns()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "reports.csv");
        File.WriteAllText(path, "\uFEFFpatient,Accession_Number,report\r\n" +
            "x,ACC1,\"FINDINGS: The liver is normal.\nIMPRESSION: \"\"No acute findings.\"\"\"\r\n" +
            "y,ACC2,plain text\n\n" +
            "z, ACC3 ,\n");
        var table = ReportTable.Load(path);
        Assert.Equal(3, table.Count);
        Assert.True(table.TryGet("ACC1", out var text, out int line));
        Assert.Equal("FINDINGS: The liver is normal.\nIMPRESSION: \"No acute findings.\"", text);
        Assert.Equal(2, line);
        Assert.True(table.TryGet("ACC2", out text, out line));
        Assert.Equal(("plain text", 4), (text, line));
        Assert.True(table.TryGet("ACC3", out text, out _));
        Assert.Equal("", text);
        Assert.False(table.TryGet("ACC4", out _, out _));
        Assert.False(table.TryGet(null, out _, out _));
    }

    [Fact]
    public void JsonLines()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "reports.jsonl");
        File.WriteAllText(path, "{\"accession_number\": \"A1\", \"report\": \"Spleen: normal.\\nKidneys: normal.\"}\n\n{\"accession_number\":\"A2\",\"report\":\"\"}\n");
        var table = ReportTable.Load(path);
        Assert.True(table.TryGet("A1", out var text, out int line));
        Assert.Equal(("Spleen: normal.\nKidneys: normal.", 1), (text, line));
        Assert.True(table.TryGet("A2", out text, out line));
        Assert.Equal(("", 3), (text, line));
    }

    [Theory]
    [InlineData("r.csv", "accession,text\nA,b\n", "line 1: the header needs the columns accession_number and report")]
    [InlineData("r.csv", "accession_number,report\nA,\"unclosed\n", "line 2: a quoted field is not closed")]
    [InlineData("r.csv", "accession_number,report\nA,x\"y\n", "line 2: a quote inside an unquoted field")]
    [InlineData("r.csv", "accession_number,report\nA,b,c\n", "line 2: 3 fields, the header has 2")]
    [InlineData("r.csv", "accession_number,report\nA,b\nA,c\n", "line 3: accession number 'A' already given on line 2")]
    [InlineData("r.csv", "accession_number,report\n ,b\n", "line 2: empty accession_number")]
    [InlineData("r.csv", "", "empty CSV")]
    [InlineData("r.jsonl", "{\"accession_number\": \"A\"}\n", "line 1: needs a string property \"report\"")]
    [InlineData("r.jsonl", "{\"accession_number\": \"A\", \"report\": \"x\"}\n{oops\n", "line 2: not valid JSON")]
    [InlineData("r.jsonl", "[1, 2]\n", "line 1: not a JSON object")]
    [InlineData("r.txt", "A,b\n", "must end in .csv or .jsonl")]
    public void MalformedFilesAreRefusedWithTheLine(string name, string content, string expected)
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, name);
        File.WriteAllText(path, content);
        var e = Assert.Throws<InvalidDataException>(() => ReportTable.Load(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ReportTable.Load("/nonexistent/reports.csv"));
        Assert.Contains("/nonexistent/reports.csv", e.Message, StringComparison.Ordinal);
    }
}
