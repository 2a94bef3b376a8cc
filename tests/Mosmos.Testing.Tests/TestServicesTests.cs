using System.Net;
using System.Net.Sockets;

namespace Mosmos.Testing.Tests;

public class TestServicesTests
{
    [Fact]
    public async Task Orthanc_answers_system_with_credentials()
    {
        var orthanc = await TestServices.GetOrthancAsync();
        using var client = orthanc.CreateClient();

        using var response = await client.GetAsync(new Uri("system", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"DicomAet\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orthanc_refuses_system_without_credentials()
    {
        var orthanc = await TestServices.GetOrthancAsync();
        using var client = orthanc.CreateClient(authenticated: false);

        using var response = await client.GetAsync(new Uri("system", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Orthanc_serves_dicomweb()
    {
        var orthanc = await TestServices.GetOrthancAsync();
        using var client = orthanc.CreateClient();

        using var response = await client.GetAsync(new Uri(orthanc.DicomWebUrl, "studies"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RabbitMq_accepts_tcp_on_the_amqp_port()
    {
        var rabbitMq = await TestServices.GetRabbitMqAsync();
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await tcp.ConnectAsync(rabbitMq.Host, rabbitMq.Port, timeout.Token);

        Assert.True(tcp.Connected);
    }

    [Fact]
    public async Task Connections_never_print_passwords()
    {
        var orthanc = await TestServices.GetOrthancAsync();

        Assert.DoesNotContain(orthanc.Password, orthanc.ToString(), StringComparison.Ordinal);
    }
}
