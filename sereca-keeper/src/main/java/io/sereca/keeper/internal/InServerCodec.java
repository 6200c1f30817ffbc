package io.sereca.keeper.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.System.Logger.Level;

/**
 * The in-server layout (SecureKeeper's): one {@link KeeperSession} in a client channel of the
 * ZooKeeper server's own Netty pipeline, between the socket and ZooKeeper's connection handler.
 * Bytes read from the client are split into frames and rewritten (paths encrypted, values
 * sealed) before ZooKeeper parses them; what ZooKeeper writes back is split into frames and
 * rewritten (paths decrypted, values opened) before it reaches the socket. ZooKeeper's own
 * classes only ever see ciphertext, and there is no extra hop: no proxy socket, no second
 * connection.
 *
 * <p>All of it runs on the channel's event loop (ZooKeeper's writes from its request threads are
 * handed to the loop by Netty). A write's promise completes when the replies it carried have been
 * written, so ZooKeeper's close-after-flush waits for replies still in the crypto core.
 */
final class InServerCodec extends ChannelDuplexHandler implements KeeperSession.Wire {

  private static final System.Logger LOG = System.getLogger(InServerCodec.class.getName());

  private final CryptoCore core;
  private final NameCache cache;
  private final int maxFrameBytes;
  private ChannelHandlerContext ctx;
  private KeeperSession session;
  private FrameParser clientFrames;
  private FrameParser serverFrames;
  private FrameOut out;
  /** Requests for ZooKeeper / replies for the client collected during one read or write. */
  private ByteBuf toServerBytes;
  private ByteBuf toClientBytes;
  private boolean reading;
  private boolean writing;
  private boolean failed;

  InServerCodec(CryptoCore core, NameCache cache, int maxFrameBytes) {
    this.core = core;
    this.cache = cache;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.session = new KeeperSession(ctx.executor(), core, cache, this);
    this.clientFrames = new FrameParser(maxFrameBytes, session::fromClient, this::fail);
    // Replies may be larger than requests (getChildren of a big node): ZooKeeper's own limit.
    this.serverFrames = new FrameParser(maxFrameBytes * 4, session::fromServer, this::fail);
    this.out = new FrameOut(ctx.alloc());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    reading = true;
    try {
      if (!failed) {
        clientFrames.handle(BufferInternal.buffer(bytes));
      }
    } finally {
      bytes.release();
      reading = false;
      flushToServer(false);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.write(msg, promise);
      return;
    }
    if (failed) {
      ReferenceCountUtil.release(msg);
      promise.setFailure(new java.nio.channels.ClosedChannelException());
      return;
    }
    writing = true;
    try {
      serverFrames.handle(BufferInternal.buffer(bytes));
      // The promise follows the replies this write carried, wherever their crypto is.
      session.afterClientOutput(() -> writeToClient(promise));
    } finally {
      bytes.release();
      writing = false;
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (failed || session.clientOutputIdle()) {
      ctx.close(promise);
    } else {
      session.afterClientOutput(() -> ctx.close(promise));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!failed && clientFrames.midFrame()) {
      LOG.log(Level.INFO, "client {0} closed mid-frame (truncated frame)", ctx.channel().remoteAddress());
    }
    session.close();
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void connect(OutFrame connectRequest) {
    toServer(connectRequest);
    session.serverReady();
  }

  @Override
  public void toServer(OutFrame request) {
    if (failed) {
      return;
    }
    try {
      toServerBytes = out.collect(toServerBytes, request);
    } catch (IllegalStateException e) {
      fail("request not serialised: " + e.getMessage());
      return;
    }
    if (!reading) {
      // The crypto completed after the read that carried the request.
      flushToServer(true);
    }
  }

  @Override
  public void toClient(OutFrame reply) {
    if (failed) {
      return;
    }
    try {
      toClientBytes = out.collect(toClientBytes, reply);
    } catch (IllegalStateException e) {
      fail("reply not serialised: " + e.getMessage());
    }
  }

  /** Hands the collected requests to ZooKeeper's handler (which releases them). */
  private void flushToServer(boolean readComplete) {
    if (toServerBytes == null || failed) {
      return;
    }
    ByteBuf bytes = toServerBytes;
    toServerBytes = null;
    ctx.fireChannelRead(bytes);
    if (readComplete) {
      ctx.fireChannelReadComplete();
    }
  }

  /** Writes the collected replies with ZooKeeper's promise; flushes unless ZooKeeper's flush follows. */
  private void writeToClient(ChannelPromise promise) {
    if (failed) {
      promise.tryFailure(new java.nio.channels.ClosedChannelException());
      return;
    }
    ByteBuf bytes = toClientBytes != null ? toClientBytes : Unpooled.EMPTY_BUFFER;
    toClientBytes = null;
    if (writing) {
      ctx.write(bytes, promise);
    } else {
      ctx.writeAndFlush(bytes, promise);
    }
  }

  @Override
  public void fail(String reason) {
    if (failed) {
      return;
    }
    failed = true;
    LOG.log(Level.WARNING, "closing connection from {0}: {1}", ctx.channel().remoteAddress(), reason);
    session.close();
    release();
    ctx.channel().close();
  }

  private void release() {
    if (toServerBytes != null) {
      toServerBytes.release();
      toServerBytes = null;
    }
    if (toClientBytes != null) {
      toClientBytes.release();
      toClientBytes = null;
    }
  }
}
