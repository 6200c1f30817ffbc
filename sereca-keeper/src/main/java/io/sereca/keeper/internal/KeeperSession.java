package io.sereca.keeper.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;

/**
 * The crypto side of one client session, whatever carries its bytes (the proxy's two sockets, or
 * the server's own channel in the in-server layout): client frames in, rewritten requests out to
 * the server in the order the client sent them; server frames in, rewritten replies and watch
 * events out to the client in the server's order. The client's ConnectRequest and the server's
 * ConnectResponse pass unchanged, so the server's session is the client's session.
 *
 * <p>Used on one event loop only; the crypto core may complete on another thread. A frame that
 * cannot be handled is reported to {@link Wire#fail} once and the session stops.
 */
final class KeeperSession {

  /** Where the session's frames go. Called on the session's event loop. */
  interface Wire {
    /** The client's ConnectRequest as it came; call {@link #serverReady} once the server has it. */
    void connect(OutFrame connectRequest);

    /** A rewritten request for the server. */
    void toServer(OutFrame request);

    /** A rewritten reply or event for the client. */
    void toClient(OutFrame reply);

    /** The session cannot go on: close its connection(s), logging {@code reason}. */
    void fail(String reason);
  }

  private final Wire wire;
  private final RequestRewriter requests;
  private final ResponseRewriter responses;
  private final ArrayDeque<ReplyContext> inflight = new ArrayDeque<>();
  private final OrderedOutput<RequestRewriter.Rewritten> toServer;
  private final OrderedOutput<OutFrame> toClient;
  private boolean connectSeen;
  private boolean connectAnswered;
  private boolean closed;

  KeeperSession(Executor loop, CryptoCore core, NameCache cache, Wire wire) {
    this.wire = wire;
    this.requests = new RequestRewriter(core, cache);
    this.responses = new ResponseRewriter(core, cache);
    this.toServer = new OrderedOutput<>(loop, true, this::sendToServer, e -> fail("request rewrite failed: " + e));
    this.toClient = new OrderedOutput<>(loop, false, this::sendToClient, e -> fail("reply rewrite failed: " + e));
  }

  /** One frame from the client (without its length prefix). */
  void fromClient(byte[] payload) {
    if (closed) {
      return;
    }
    try {
      if (!connectSeen) {
        connectSeen = true;
        checkConnectRequest(payload);
        wire.connect(OutFrame.raw(payload));
        return;
      }
      toServer.submit(requests.rewrite(payload));
    } catch (FrameException e) {
      fail(e.getMessage());
    } catch (RuntimeException e) {
      // A record the rewriter could not handle: this session goes, the others live on.
      fail("request not handled: " + e.getClass().getSimpleName());
    }
  }

  /** The server has the ConnectRequest: rewritten requests may follow it. */
  void serverReady() {
    toServer.release();
  }

  /** One frame from the server (without its length prefix). */
  void fromServer(byte[] payload) {
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

  /** Runs {@code action} once every reply submitted so far has gone to {@link Wire#toClient}. */
  void afterClientOutput(Runnable action) {
    if (closed) {
      action.run();
    } else {
      toClient.then(action);
    }
  }

  /** Whether no reply is waiting for its crypto. */
  boolean clientOutputIdle() {
    return toClient.idle();
  }

  /** Drops everything pending; later frames are ignored. */
  void close() {
    closed = true;
    toServer.clear();
    toClient.clear();
    inflight.clear();
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

  private void sendToServer(RequestRewriter.Rewritten rw) {
    if (closed) {
      return;
    }
    if (rw.context() != null) {
      inflight.add(rw.context());
    }
    wire.toServer(rw.frame());
  }

  private void sendToClient(OutFrame frame) {
    if (!closed && frame != null) {
      wire.toClient(frame);
    }
  }

  private void fail(String reason) {
    if (closed) {
      return;
    }
    close();
    wire.fail(reason);
  }
}
