using System.Net.Sockets;
using Grpc.Net.Client;

namespace Mosmos.InferenceWorker.Model.Client;

/// <summary>
/// gRPC channels to the model server. In-process: HTTP/2 over a Unix domain socket that this process's Kestrel
/// listens on — the same serialisation, size limits and status codes as a remote server, no TCP port to pick or
/// expose. Remote: an http(s) URL. Both allow messages up to <see cref="ModelServerOptions.MaxMessageBytes"/>.
/// </summary>
internal static class ModelChannels
{
    public static InferenceClient InProcess(string socketPath, int maxMessageBytes)
    {
        var handler = new SocketsHttpHandler
        {
            InitialHttp2StreamWindowSize = ModelServerExtensions.Http2WindowBytes,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The authority is never resolved: ConnectCallback goes to the socket.
        var channel = GrpcChannel.ForAddress("http://localhost", Options(handler, maxMessageBytes));
        return new InferenceClient(channel, "unix:" + socketPath);
    }

    public static InferenceClient Remote(Uri url, int maxMessageBytes, RemoteTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, InitialHttp2StreamWindowSize = ModelServerExtensions.Http2WindowBytes };
        tls?.Apply(handler.SslOptions);
        return new InferenceClient(GrpcChannel.ForAddress(url, Options(handler, maxMessageBytes)), url.ToString());
    }

    private static GrpcChannelOptions Options(HttpMessageHandler handler, int maxMessageBytes) => new()
    {
        HttpHandler = handler,
        MaxReceiveMessageSize = maxMessageBytes,
        MaxSendMessageSize = maxMessageBytes,
        DisposeHttpClient = true,
    };
}
