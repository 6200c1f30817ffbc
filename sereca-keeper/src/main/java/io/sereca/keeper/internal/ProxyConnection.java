package io.sereca.keeper.internal;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * One client connection and its own upstream connection to a ZooKeeper server, carrying one
 * {@link KeeperSession}. The client's ConnectRequest is forwarded as it is, so the upstream
 * session is the client's session: a client reconnecting through the proxy with its session id
 * and password resumes it.
 *
 * <p>Anything the proxy cannot accept — a malformed or truncated frame, an unknown operation, a
 * frame above the limit — closes this connection (both sides) with a logged reason; other
 * connections are untouched.
 */
final class ProxyConnection implements KeeperSession.Wire {

  private static final System.Logger LOG = System.getLogger(ProxyConnection.class.getName());

  private final Context context;
  private final NetSocket client;
  private final NetClient netClient;
  private final List<SocketAddress> servers;
  private final int firstServer;
  private final int maxFrameBytes;
  private final Runnable onClosed;
  private final KeeperSession session;
  private final FrameOut clientOut;
  private FrameOut upstreamOut;
  private NetSocket upstream;
  /** Frames waiting to be written upstream / to the client (see {@link #corked}), or null. */
  private ByteBuf toServerBytes;
  private ByteBuf toClientBytes;
  /**
   * While a chunk read from either socket is handled: the frames it produces are collected and
   * written when it is done, one write per socket. Two requests (or replies) often arrive in one
   * read; writing each frame on its own cost a syscall (and a TCP segment to the peer) apiece.
   */
  private boolean corked;
  private boolean closed;

  ProxyConnection(Context context, NetSocket client, NetClient netClient, List<SocketAddress> servers,
      int firstServer, CryptoCore core, NameCache cache, int maxFrameBytes, Runnable onClosed) {
    this.context = context;
    this.client = client;
    this.netClient = netClient;
    this.servers = servers;
    this.firstServer = firstServer;
    this.maxFrameBytes = maxFrameBytes;
    this.onClosed = onClosed;
    this.session = new KeeperSession(task -> context.runOnContext(v -> task.run()), core, cache, this);
    this.clientOut = new FrameOut(internal(client).channelHandlerContext().alloc());
  }

  /** Vert.x's sockets are {@link NetSocketInternal}s: frames go to Netty as its own buffers. */
  private static NetSocketInternal internal(NetSocket socket) {
    return (NetSocketInternal) socket;
  }

  void start() {
    FrameParser parser = new FrameParser(maxFrameBytes, session::fromClient, this::fail);
    client.handler(chunk -> corked(parser, chunk));
    client.closeHandler(v -> {
      if (!closed && parser.midFrame()) {
        LOG.log(Level.INFO, "client {0} closed mid-frame (truncated frame)", client.remoteAddress());
      }
      close();
    });
    client.exceptionHandler(e -> fail("client connection error: " + e.getMessage()));
  }

  @Override
  public void connect(OutFrame connectRequest) {
    connectUpstream(connectRequest, 0);
  }

  private void connectUpstream(OutFrame connectFrame, int attempt) {
    if (attempt >= servers.size()) {
      fail("no ZooKeeper server reachable of " + servers);
      return;
    }
    SocketAddress server = servers.get((firstServer + attempt) % servers.size());
    netClient.connect(server).onComplete(ar -> {
      if (closed) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        LOG.log(Level.DEBUG, "ZooKeeper server {0} unreachable: {1}", server, ar.cause().getMessage());
        connectUpstream(connectFrame, attempt + 1);
        return;
      }
      upstream = ar.result();
      upstreamOut = new FrameOut(internal(upstream).channelHandlerContext().alloc());
      FrameParser parser = new FrameParser(maxFrameBytes * 4, session::fromServer, this::fail);
      upstream.handler(chunk -> corked(parser, chunk));
      upstream.closeHandler(v -> close());
      upstream.exceptionHandler(e -> fail("server connection error: " + e.getMessage()));
      internal(upstream).writeMessage(upstreamOut.write(connectFrame));
      session.serverReady();
    });
  }

  /** Handles one chunk read from a socket, then writes what it produced. */
  private void corked(FrameParser parser, Buffer chunk) {
    corked = true;
    try {
      parser.handle(chunk);
    } finally {
      corked = false;
      flushOut();
    }
  }

  @Override
  public void toServer(OutFrame frame) {
    if (closed) {
      return;
    }
    try {
      toServerBytes = upstreamOut.collect(toServerBytes, frame);
    } catch (IllegalStateException e) {
      fail("request not serialised: " + e.getMessage());
      return;
    }
    if (!corked) {
      flushOut();
    }
  }

  @Override
  public void toClient(OutFrame frame) {
    if (closed) {
      return;
    }
    try {
      toClientBytes = clientOut.collect(toClientBytes, frame);
    } catch (IllegalStateException e) {
      fail("reply not serialised: " + e.getMessage());
      return;
    }
    if (!corked) {
      flushOut();
    }
  }

  /** Writes the collected frames, one write per socket; pauses a reader whose peer is slow. */
  private void flushOut() {
    if (toServerBytes != null) {
      ByteBuf bytes = toServerBytes;
      toServerBytes = null;
      if (closed) {
        bytes.release();
      } else {
        internal(upstream).writeMessage(bytes);
        if (upstream.writeQueueFull()) {
          client.pause();
          upstream.drainHandler(v -> client.resume());
        }
      }
    }
    if (toClientBytes != null) {
      ByteBuf bytes = toClientBytes;
      toClientBytes = null;
      if (closed) {
        bytes.release();
      } else {
        internal(client).writeMessage(bytes);
        if (upstream != null && client.writeQueueFull()) {
          upstream.pause();
          client.drainHandler(v -> {
            if (upstream != null) {
              upstream.resume();
            }
          });
        }
      }
    }
  }

  @Override
  public void fail(String reason) {
    if (closed) {
      return;
    }
    LOG.log(Level.WARNING, "closing connection from {0}: {1}", client.remoteAddress(), reason);
    close();
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    flushOut(); // releases what was collected, writes nothing
    session.close();
    client.close();
    if (upstream != null) {
      upstream.close();
    }
    onClosed.run();
  }

  Context context() {
    return context;
  }
}
