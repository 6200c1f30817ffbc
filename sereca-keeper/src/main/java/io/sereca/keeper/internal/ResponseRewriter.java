package io.sereca.keeper.internal;

import io.sereca.keeper.internal.core.ZnodeNames;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.jute.Record;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WatcherEvent;

/**
 * Rewrites server replies and watch events for the client: paths and names decrypted, values
 * opened, {@code Stat.dataLength} set to the plaintext length. Ciphertext that does not open
 * (tampered with, or copied from another znode) turns the reply into a
 * {@link Code#MARSHALLINGERROR} — never garbage.
 */
final class ResponseRewriter {

  private static final System.Logger LOG = System.getLogger(ResponseRewriter.class.getName());

  private final CryptoCore core;
  private final NameCache cache;

  ResponseRewriter(CryptoCore core, NameCache cache) {
    this.core = core;
    this.cache = cache;
  }

  /**
   * Rewrites a reply (frame without length prefix) to the request described by {@code ctx};
   * completes with the frame for the client.
   *
   * @throws FrameException if the reply is malformed
   */
  CompletableFuture<OutFrame> reply(byte[] payload, ReplyHeader rh, Jute.Reader in, ReplyContext ctx) {
    if (ctx == null) {
      return CompletableFuture.completedFuture(OutFrame.raw(payload));
    }
    if (ctx.localError != 0) {
      return done(OutFrame.of(new ReplyHeader(rh.getXid(), rh.getZxid(), ctx.localError)));
    }
    boolean multi = ctx.type == OpCode.multi || ctx.type == OpCode.multiRead;
    if (rh.getErr() != 0 && !(multi && !in.atEnd())) {
      // Error replies carry no body the client reads; never forward server bytes it would not.
      return done(OutFrame.of(rh));
    }
    CryptoPlan plan = new CryptoPlan(cache);
    List<Record> out = new ArrayList<>();
    out.add(rh);
    byte[] tail = new byte[0];
    try {
      if (multi) {
        multi(in, ctx, plan, out);
      } else {
        Record r = single(ctx.type, in, ctx, plan);
        if (r != null) {
          out.add(r);
        } else {
          tail = in.rest();
        }
      }
    } catch (TamperedReply e) {
      LOG.log(Level.WARNING, "reply to {0} (xid {1}) refused: {2}", OpCodes.name(ctx.type), ctx.xid,
          e.getMessage());
      return done(OutFrame.of(new ReplyHeader(rh.getXid(), rh.getZxid(), Code.MARSHALLINGERROR.intValue())));
    }
    in.end();
    byte[] rest = tail;
    return plan.run(core).handle((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "reply to {0} (xid {1}) refused: {2}", OpCodes.name(ctx.type), ctx.xid,
            reason(err));
        return OutFrame.of(new ReplyHeader(rh.getXid(), rh.getZxid(), Code.MARSHALLINGERROR.intValue()));
      }
      return new OutFrame(out.toArray(new Record[0]), rest);
    });
  }

  /** Rewrites a watch event; completes with null if its path cannot be decrypted (event dropped). */
  CompletableFuture<OutFrame> notification(ReplyHeader rh, Jute.Reader in) {
    WatcherEvent event = in.read(new WatcherEvent());
    in.end();
    String path = event.getPath();
    if (path == null || path.isEmpty()) {
      return done(OutFrame.of(rh, event));
    }
    CryptoPlan plan = new CryptoPlan(cache);
    plan.decryptPath(path, event::setPath);
    return plan.run(core).handle((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "watch event dropped, its path does not decrypt: {0}", reason(err));
        return null;
      }
      return OutFrame.of(rh, event);
    });
  }

  private Record single(int type, Jute.Reader in, ReplyContext ctx, CryptoPlan plan) {
    switch (type) {
      case OpCode.create: {
        CreateResponse r = in.read(new CreateResponse());
        r.setPath(createdPath(ctx, r.getPath()));
        return r;
      }
      case OpCode.create2:
      case OpCode.createContainer:
      case OpCode.createTTL: {
        Create2Response r = in.read(new Create2Response());
        r.setPath(createdPath(ctx, r.getPath()));
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.exists: {
        ExistsResponse r = in.read(new ExistsResponse());
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.getData: {
        GetDataResponse r = in.read(new GetDataResponse());
        fix(r.getStat(), ctx.path);
        plan.open(ctx.path, r.getData(), r::setData);
        return r;
      }
      case OpCode.setData: {
        SetDataResponse r = in.read(new SetDataResponse());
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.getACL: {
        GetACLResponse r = in.read(new GetACLResponse());
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.setACL: {
        SetACLResponse r = in.read(new SetACLResponse());
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.getChildren: {
        GetChildrenResponse r = in.read(new GetChildrenResponse());
        r.setChildren(names(ctx.path, r.getChildren(), plan));
        return r;
      }
      case OpCode.getChildren2: {
        GetChildren2Response r = in.read(new GetChildren2Response());
        r.setChildren(names(ctx.path, r.getChildren(), plan));
        fix(r.getStat(), ctx.path);
        return r;
      }
      case OpCode.sync: {
        SyncResponse r = in.read(new SyncResponse());
        r.setPath(ctx.path);
        return r;
      }
      case OpCode.getEphemerals: {
        GetEphemeralsResponse r = in.read(new GetEphemeralsResponse());
        List<String> all = r.getEphemerals() == null ? List.of() : r.getEphemerals();
        List<String> plain = new ArrayList<>(all);
        for (int i = 0; i < all.size(); i++) {
          int at = i;
          plan.decryptPath(all.get(i), p -> plain.set(at, p));
        }
        plan.then(() -> {
          plain.removeIf(p -> !p.startsWith(ctx.prefix));
          r.setEphemerals(plain);
        });
        return r;
      }
      case OpCode.getAllChildrenNumber:
        return in.read(new GetAllChildrenNumberResponse());
      default:
        // delete, check, addWatch, removeWatches, checkWatches: nothing with a path or data (the
        // server sends nothing, or an ErrorResponse code): copied as it is.
        return null;
    }
  }

  private void multi(Jute.Reader in, ReplyContext ctx, CryptoPlan plan, List<Record> out) {
    MultiHeader mh = in.read(new MultiHeader());
    int i = 0;
    while (!mh.getDone()) {
      out.add(mh);
      int type = mh.getType();
      if (type == OpCode.error) {
        out.add(in.read(new ErrorResponse()));
      } else {
        if (i >= ctx.ops.size()) {
          throw new FrameException("multi reply has more results than the request had operations");
        }
        ReplyContext op = ctx.ops.get(i);
        switch (type) {
          case OpCode.delete:
          case OpCode.check:
            break;
          case OpCode.create:
          case OpCode.create2:
          case OpCode.getChildren:
          case OpCode.getData:
          case OpCode.setData:
            out.add(single(type, in, op, plan));
            break;
          default:
            throw new FrameException("unexpected result type " + type + " in a multi reply");
        }
      }
      i++;
      mh = in.read(new MultiHeader());
    }
    out.add(mh);
  }

  private static String createdPath(ReplyContext ctx, String returned) {
    String expected = ctx.encryptedPath;
    if (returned == null || expected == null) {
      throw new FrameException("create reply without a path");
    }
    if (!ctx.sequential) {
      if (!returned.equals(expected)) {
        throw new TamperedReply("the server created another path than requested");
      }
      return ctx.path;
    }
    String counter = returned.startsWith(expected) ? returned.substring(expected.length()) : "";
    if (counter.length() != ZnodeNames.COUNTER_DIGITS || !ZnodeNames.hasCounter(counter)) {
      throw new TamperedReply("the sequential create reply does not end in a 10-digit counter");
    }
    return ctx.path + counter;
  }

  private static List<String> names(String parent, List<String> encrypted, CryptoPlan plan) {
    if (encrypted == null) {
      return null;
    }
    List<String> plain = new ArrayList<>(encrypted);
    for (int i = 0; i < encrypted.size(); i++) {
      int at = i;
      plan.decryptName(parent, encrypted.get(i), n -> plain.set(at, n));
    }
    return plain;
  }

  private static void fix(Stat stat, String path) {
    if (stat != null) {
      stat.setDataLength(CryptoPlan.plaintextLength(path, stat.getDataLength()));
    }
  }

  private static String reason(Throwable err) {
    Throwable t = err;
    while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** A reply that claims something the request did not ask for. */
  static final class TamperedReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TamperedReply(String reason) {
      super(reason, null, false, false);
    }
  }
}
