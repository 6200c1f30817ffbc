package io.sereca.keeper.internal;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;

/**
 * One client connection and its own upstream connection to a ZooKeeper server. The client's
 * ConnectRequest is forwarded as it is, so the upstream session is the client's session: a client
 * reconnecting through the proxy with its session id and password resumes it. Requests are
 * rewritten in order, replies and watch events rewritten back in order.
 *
 * <p>Anything the proxy cannot accept — a malformed or truncated frame, an unknown operation, a
 * frame above the limit — closes this connection (both sides) with a logged reason; other
 * connections are untouched.
 */
final class ProxyConnection {

  private static final System.Logger LOG = System.getLogger(ProxyConnection.class.getName());

  private final Context context;
  private final NetSocket client;
  private final NetClient netClient;
  private final List<SocketAddress> servers;
  private final int firstServer;
  private final RequestRewriter requests;
  private final ResponseRewriter responses;
  private final int maxFrameBytes;
  private final Runnable onClosed;
  private final ArrayDeque<ReplyContext> inflight = new ArrayDeque<>();
  private final OrderedOutput<RequestRewriter.Rewritten> toServer;
  private final OrderedOutput<OutFrame> toClient;
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
  private boolean connectSeen;
  private boolean connectAnswered;
  private boolean closed;

  ProxyConnection(Context context, NetSocket client, NetClient netClient, List<SocketAddress> servers,
      int firstServer, CryptoCore core, NameCache cache, int maxFrameBytes, Runnable onClosed) {
    this.context = context;
    this.client = client;
    this.netClient = netClient;
    this.servers = servers;
    this.firstServer = firstServer;
    this.requests = new RequestRewriter(core, cache);
    this.responses = new ResponseRewriter(core, cache);
    this.maxFrameBytes = maxFrameBytes;
    this.onClosed = onClosed;
    this.toServer = new OrderedOutput<>(context, true, this::sendUpstream, e -> fail("request rewrite failed: " + e));
    this.toClient = new OrderedOutput<>(context, false, this::sendClient, e -> fail("reply rewrite failed: " + e));
    this.clientOut = new FrameOut(internal(client).channelHandlerContext().alloc());
  }

  /** Vert.x's sockets are {@link NetSocketInternal}s: frames go to Netty as its own buffers. */
  private static NetSocketInternal internal(NetSocket socket) {
    return (NetSocketInternal) socket;
  }

  void start() {
    FrameParser parser = new FrameParser(maxFrameBytes, this::fromClient, this::fail);
    client.handler(chunk -> corked(parser, chunk));
    client.closeHandler(v -> {
      if (!closed && parser.midFrame()) {
        LOG.log(Level.INFO, "client {0} closed mid-frame (truncated frame)", client.remoteAddress());
      }
      close();
    });
    client.exceptionHandler(e -> fail("client connection error: " + e.getMessage()));
  }

  private void fromClient(byte[] payload) {
    if (closed) {
      return;
    }
    try {
      if (!connectSeen) {
        connectSeen = true;
        checkConnectRequest(payload);
        connectUpstream(OutFrame.raw(payload), 0);
        return;
      }
      toServer.submit(requests.rewrite(payload));
    } catch (FrameException e) {
      fail(e.getMessage());
    } catch (RuntimeException e) {
      // A record the rewriter could not handle: this connection goes, the proxy lives on.
      fail("request not handled: " + e.getClass().getSimpleName());
    }
  }

  /** protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, then an optional readOnly flag. */
  private static void checkConnectRequest(byte[] payload) {
    Jute.Reader in = new Jute.Reader(payload);
    try {
      in.archive().readInt("protocolVersion");
      in.archive().readLong("lastZxidSeen");
      in.archive().readInt("timeOut");
      in.archive().readLong("sessionId");
      in.archive().readBuffer("passwd");
    } catch (java.io.IOException | RuntimeException e) {
      throw new FrameException("malformed ConnectRequest at offset " + in.offset() + ": " + e.getClass().getSimpleName());
    }
    if (payload.length - in.offset() > 1) {
      throw new FrameException("unexpected bytes after the ConnectRequest at offset " + in.offset());
    }
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
      FrameParser parser = new FrameParser(maxFrameBytes * 4, this::fromServer, this::fail);
      upstream.handler(chunk -> corked(parser, chunk));
      upstream.closeHandler(v -> close());
      upstream.exceptionHandler(e -> fail("server connection error: " + e.getMessage()));
      internal(upstream).writeMessage(upstreamOut.write(connectFrame));
      toServer.release();
    });
  }

  private void fromServer(byte[] payload) {
    if (closed) {
      return;
    }
    try {
      if (!connectAnswered) {
        connectAnswered = true;
        new Jute.Reader(payload).read(new ConnectResponse());
        toClient.submit(CompletableFuture.completedFuture(OutFrame.raw(payload)));
        return;
      }
      Jute.Reader in = new Jute.Reader(payload);
      ReplyHeader rh = in.read(new ReplyHeader());
      int xid = rh.getXid();
      if (xid == OpCodes.NOTIFICATION_XID) {
        toClient.submit(responses.notification(rh, in));
        return;
      }
      // Pings and auth replies have no context; a refused setWatches (xid -8) has one.
      ReplyContext ctx = xid == OpCodes.PING_XID || xid == OpCodes.AUTH_XID ? null : takeContext(xid);
      toClient.submit(responses.reply(payload, rh, in, ctx));
    } catch (FrameException e) {
      fail("from the server: " + e.getMessage());
    } catch (RuntimeException e) {
      fail("server reply not handled: " + e.getClass().getSimpleName());
    }
  }

  private ReplyContext takeContext(int xid) {
    Iterator<ReplyContext> it = inflight.iterator();
    while (it.hasNext()) {
      ReplyContext c = it.next();
      if (c.xid == xid) {
        it.remove();
        return c;
      }
    }
    return null;
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

  private void sendUpstream(RequestRewriter.Rewritten rw) {
    if (closed) {
      return;
    }
    if (rw.context() != null) {
      inflight.add(rw.context());
    }
    try {
      if (toServerBytes == null) {
        toServerBytes = upstreamOut.write(rw.frame());
      } else {
        upstreamOut.append(toServerBytes, rw.frame());
      }
    } catch (IllegalStateException e) {
      fail("request not serialised: " + e.getMessage());
      return;
    }
    if (!corked) {
      flushOut();
    }
  }

  private void sendClient(OutFrame frame) {
    if (closed || frame == null) {
      return;
    }
    try {
      if (toClientBytes == null) {
        toClientBytes = clientOut.write(frame);
      } else {
        clientOut.append(toClientBytes, frame);
      }
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

  private void fail(String reason) {
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
    toServer.clear();
    toClient.clear();
    inflight.clear();
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
