using System.Text;
using Mosmos.Adapter.Changes;

namespace Mosmos.Adapter.Tests.Changes;

public sealed class ChangesParserTests
{
    private static ChangesPage Parse(string json, long since = 0) => ChangesParser.Parse(Encoding.UTF8.GetBytes(json), since);

    [Fact]
    public void Parses_orthanc_answer()
    {
        var page = Parse("""
            {"Changes":[{"ChangeType":"NewInstance","Date":"20261124T120000","ID":"a1","Path":"/instances/a1","ResourceType":"Instance","Seq":4},
                        {"ChangeType":"StableStudy","Date":"20261124T120003","ID":"s1","Path":"/studies/s1","ResourceType":"Study","Seq":5}],
             "Done":true,"Last":5}
            """);
        Assert.True(page.Done);
        Assert.Equal(5, page.Last);
        Assert.Equal(["NewInstance", "StableStudy"], page.Changes.Select(c => c.ChangeType));
        Assert.Equal(0, page.Skipped);
    }

    [Fact]
    public void Malformed_entries_and_unknown_types_are_skipped_not_fatal()
    {
        var page = Parse("""
            {"Changes":[{"ChangeType":"StableStudy","ResourceType":"Study","Seq":"seven","ID":"x"},
                        {"ChangeType":42,"ResourceType":"Study","Seq":8,"ID":"y"},
                        "not an object",
                        {"ChangeType":"SomethingNew","ResourceType":"Whatever","Seq":9,"ID":"z"}],
             "Done":false,"Last":9}
            """, since: 6);
        Assert.Equal(3, page.Skipped);
        Assert.Equal("SomethingNew", Assert.Single(page.Changes).ChangeType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"Changes":[],"Done":true}""")]
    [InlineData("""{"Changes":[],"Last":3}""")]
    [InlineData("""{"Done":true,"Last":3}""")]
    [InlineData("""{"Changes":{},"Done":true,"Last":3}""")]
    [InlineData("""{"Changes":[],"Done":"yes","Last":3}""")]
    [InlineData("""{"Changes":[],"Done":true,"Last":1e400}""")]
    public void A_page_without_a_usable_cursor_is_refused(string json) =>
        Assert.Throws<ChangeFeedException>(() => Parse(json));

    [Fact]
    public void A_cursor_going_backwards_is_refused() =>
        Assert.Throws<ChangeFeedException>(() => Parse("""{"Changes":[],"Done":true,"Last":3}""", since: 10));

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Throws<ChangeFeedException>(() => Parse("{\"Changes\":" + deep + ",\"Done\":true,\"Last\":1}"));
    }
}
