using System.Security.Authentication;
using Grpc.Core;
using Mosmos.Deploy.Tests.Support;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.Deploy.Tests.Tls;

/// <summary>
/// The remote model server over TLS, end to end: a real worker process in <c>--model-server</c> mode whose gRPC
/// endpoint has an https URL and a certificate from a private CA (Kestrel's endpoint configuration, set through
/// <c>MOSMOS__</c> variables as in a container), and the worker's own client (<see cref="ModelChannels.Remote"/>
/// with <see cref="RemoteTls"/> from <see cref="ModelServerOptions"/>). Trusting the CA works; an untrusted CA fails
/// the handshake with UNAVAILABLE. With <c>ClientCaFile</c> the server requires a client certificate from its CA.
/// </summary>
public sealed class GrpcTlsTests : IClassFixture<GrpcTlsTests.Servers>
{
    private readonly Servers _servers;

    public GrpcTlsTests(Servers servers) => _servers = servers;

    [Fact]
    public async Task A_client_that_trusts_the_ca_runs_a_model_over_tls()
    {
        using var client = Client(_servers.Tls, new ModelServerOptions { RemoteCaFile = _servers.Pki.CaFile });
        await Servers.WaitForReadyAsync(client, _servers.Tls);

        long[] shape = [1, 1, 3, 5, 7];
        var input = DirectOrt.RandomVolume(3 * 5 * 7, seed: 5);
        var response = await client.InferAsync(Requests.Fp32(input, shape), CancellationToken.None);
        var expected = DirectOrt.Run(_servers.Model, input, shape);
        var actual = Requests.Output(response);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-6f);
    }

    [Fact]
    public async Task A_client_that_trusts_another_ca_is_refused_in_the_handshake()
    {
        using var client = Client(_servers.Tls, new ModelServerOptions { RemoteCaFile = _servers.Rogue.CaFile });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.IsServerReadyAsync(CancellationToken.None));
        AssertHandshakeFailed(error, serverSide: false);
    }

    [Fact]
    public async Task A_client_with_the_machine_trust_store_does_not_trust_a_private_ca()
    {
        using var client = ModelChannels.Remote(_servers.Tls.Url, 1 << 20, RemoteTls.From(new ModelServerOptions()));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.IsServerReadyAsync(CancellationToken.None));
        AssertHandshakeFailed(error, serverSide: false);
    }

    [Fact]
    public async Task Mutual_tls_accepts_a_client_certificate_from_the_servers_ca()
    {
        var (certificate, key) = _servers.Pki.IssueClient("worker-client");
        using var client = Client(_servers.Mutual, new ModelServerOptions
        {
            RemoteCaFile = _servers.Pki.CaFile,
            RemoteClientCertificateFile = certificate,
            RemoteClientKeyFile = key,
        });
        await Servers.WaitForReadyAsync(client, _servers.Mutual);
        var metadata = await client.GetModelMetadataAsync(TinyOnnx.ModelName, CancellationToken.None);
        Assert.Equal(TinyOnnx.ModelName, metadata.Name);
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_without_a_certificate_or_with_one_from_another_ca()
    {
        using var anonymous = Client(_servers.Mutual, new ModelServerOptions { RemoteCaFile = _servers.Pki.CaFile });
        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.IsServerReadyAsync(CancellationToken.None));
        AssertHandshakeFailed(error, serverSide: true);

        var (certificate, key) = _servers.Rogue.IssueClient("intruder");
        using var intruder = Client(_servers.Mutual, new ModelServerOptions
        {
            RemoteCaFile = _servers.Pki.CaFile,
            RemoteClientCertificateFile = certificate,
            RemoteClientKeyFile = key,
        });
        error = await Assert.ThrowsAsync<RpcException>(() => intruder.IsServerReadyAsync(CancellationToken.None));
        AssertHandshakeFailed(error, serverSide: true);
    }

    private static InferenceClient Client(Server server, ModelServerOptions tls)
    {
        tls.RemoteUrl = server.Url.ToString();
        Assert.Empty(ModelTlsOptions.Errors(tls));
        return ModelChannels.Remote(server.Url, 16 << 20, RemoteTls.From(tls));
    }

    /// <summary>
    /// The call fails before any RPC: Grpc.Net.Client reports the failed connection as INTERNAL ("Error starting gRPC
    /// call") or UNAVAILABLE, with the TLS failure inside — our client's own rejection of the server certificate as
    /// an <see cref="AuthenticationException"/>; the server's rejection of the client as the connection it closes.
    /// </summary>
    private static void AssertHandshakeFailed(RpcException error, bool serverSide)
    {
        Assert.True(error.StatusCode is StatusCode.Internal or StatusCode.Unavailable, $"unexpected status {error.StatusCode}: {error}");
        var chain = Chain(error).ToList();
        bool tls = serverSide
            ? chain.Any(e => e is AuthenticationException or IOException or System.Net.Http.HttpRequestException)
            : chain.Any(e => e is AuthenticationException);
        Assert.True(tls, $"expected a TLS handshake failure, got {error}");
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            yield return current;
    }

    internal sealed record Server(WorkerProcess Process, Uri Url);

    /// <summary>Two model servers for the class: server TLS only, and mutual TLS (ClientCaFile).</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("mosmos-grpc-tls-").FullName;

        internal TestPki Pki { get; private set; } = null!;
        internal TestPki Rogue { get; private set; } = null!;
        internal byte[] Model { get; private set; } = [];
        internal Server Tls { get; private set; } = null!;
        internal Server Mutual { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var registry = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
            Model = TinyOnnx.Build("1", TinyOnnx.Version1);
            TinyOnnx.Write(registry, "tiny.onnx", Model);
            Pki = new TestPki(_dir, "mosmos");
            Rogue = new TestPki(_dir, "rogue");
            var (certificate, key) = Pki.IssueServer("model-server");
            Tls = await StartAsync(registry, certificate, key, clientCa: null);
            Mutual = await StartAsync(registry, certificate, key, clientCa: Pki.CaFile);
        }

        internal static async Task WaitForReadyAsync(InferenceClient client, Server server)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!await client.IsServerReadyAsync(CancellationToken.None) || !await client.IsModelReadyAsync(TinyOnnx.ModelName, CancellationToken.None))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the model server did not load the model:\n{server.Process.Output}");
                await Task.Delay(200);
            }
        }

        private static async Task<Server> StartAsync(string registry, string certificate, string key, string? clientCa)
        {
            var port = WorkerProcess.FreePort();
            var environment = new Dictionary<string, string>
            {
                ["MOSMOS__ModelServer__RegistryPath"] = registry,
                ["MOSMOS__ModelServer__IntraOpThreads"] = "1",
                ["MOSMOS__Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
                ["MOSMOS__Kestrel__Endpoints__Grpc__Url"] = $"https://127.0.0.1:{port}",
                ["MOSMOS__Kestrel__Endpoints__Grpc__Certificate__Path"] = certificate,
                ["MOSMOS__Kestrel__Endpoints__Grpc__Certificate__KeyPath"] = key,
            };
            if (clientCa is not null)
                environment["MOSMOS__ModelServer__ClientCaFile"] = clientCa;
            var process = WorkerProcess.StartModelServer(environment);
            await process.WaitForPortAsync(port, TimeSpan.FromSeconds(90));
            return new Server(process, new Uri($"https://127.0.0.1:{port}"));
        }

        public async Task DisposeAsync()
        {
            if (Tls is not null)
                await Tls.Process.DisposeAsync();
            if (Mutual is not null)
                await Mutual.Process.DisposeAsync();
            Pki?.Dispose();
            Rogue?.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
