package io.sereca.keeper.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.jute.Record;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.common.PathUtils;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;

/**
 * Rewrites a client request for the server: every path encrypted, every value sealed, everything
 * else unchanged; and records what the reply's rewrite will need. A request the proxy refuses
 * itself (an invalid path, a failed seal) is replaced by a harmless {@code exists("/")} with the
 * same xid, whose reply becomes the error: replies must reach the client in request order.
 */
final class RequestRewriter {

  /** The frame to send upstream and the context for its reply (null: pass the reply through). */
  record Rewritten(OutFrame frame, ReplyContext context) {}

  private static final byte[] NO_TAIL = new byte[0];

  private final CryptoCore core;
  private final NameCache cache;

  RequestRewriter(CryptoCore core, NameCache cache) {
    this.core = core;
    this.cache = cache;
  }

  /**
   * Rewrites one request frame (without its length prefix).
   *
   * @throws FrameException if the frame is malformed or its operation unknown
   */
  CompletableFuture<Rewritten> rewrite(byte[] payload) {
    Jute.Reader in = new Jute.Reader(payload);
    RequestHeader h = in.read(new RequestHeader());
    int type = h.getType();
    if (OpCodes.isPassThrough(type)) {
      return CompletableFuture.completedFuture(new Rewritten(OutFrame.raw(payload), null));
    }
    CryptoPlan plan = new CryptoPlan(cache);
    List<Record> records = new ArrayList<>();
    ReplyContext context;
    try {
      context = plan(h, in, plan, records);
    } catch (IllegalArgumentException invalidPath) {
      return CompletableFuture.completedFuture(placeholder(h, Code.BADARGUMENTS));
    }
    in.end();
    return plan.run(core).handle((v, err) -> {
      if (err != null) {
        return placeholder(h, Code.MARSHALLINGERROR);
      }
      Record[] all = new Record[records.size() + 1];
      all[0] = h;
      for (int i = 0; i < records.size(); i++) {
        all[i + 1] = records.get(i);
      }
      return new Rewritten(new OutFrame(all, NO_TAIL), context);
    });
  }

  private static Rewritten placeholder(RequestHeader h, Code code) {
    RequestHeader probe = new RequestHeader(h.getXid(), OpCode.exists);
    return new Rewritten(OutFrame.of(probe, new ExistsRequest("/", false)),
        ReplyContext.error(h.getXid(), h.getType(), code.intValue()));
  }

  private ReplyContext plan(RequestHeader h, Jute.Reader in, CryptoPlan plan, List<Record> out) {
    int xid = h.getXid();
    int type = h.getType();
    switch (type) {
      case OpCode.multi:
      case OpCode.multiRead:
        return multi(xid, type, in, plan, out);
      case OpCode.exists: {
        ExistsRequest r = in.read(new ExistsRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getACL: {
        GetACLRequest r = in.read(new GetACLRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.setACL: {
        SetACLRequest r = in.read(new SetACLRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.sync: {
        SyncRequest r = in.read(new SyncRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getChildren2: {
        GetChildren2Request r = in.read(new GetChildren2Request());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getAllChildrenNumber: {
        GetAllChildrenNumberRequest r = in.read(new GetAllChildrenNumberRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.addWatch: {
        AddWatchRequest r = in.read(new AddWatchRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.removeWatches: {
        RemoveWatchesRequest r = in.read(new RemoveWatchesRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.checkWatches: {
        CheckWatchesRequest r = in.read(new CheckWatchesRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getEphemerals: {
        // Prefixes may end inside a name: ask for all the session's ephemerals, filter in plaintext.
        GetEphemeralsRequest r = in.read(new GetEphemeralsRequest());
        String prefix = r.getPrefixPath() == null ? "/" : r.getPrefixPath();
        out.add(new GetEphemeralsRequest("/"));
        return ReplyContext.ephemerals(xid, type, prefix);
      }
      case OpCode.setWatches: {
        SetWatches r = in.read(new SetWatches());
        r.setDataWatches(paths(r.getDataWatches(), plan));
        r.setExistWatches(paths(r.getExistWatches(), plan));
        r.setChildWatches(paths(r.getChildWatches(), plan));
        out.add(r);
        return null;
      }
      case OpCode.setWatches2: {
        SetWatches2 r = in.read(new SetWatches2());
        r.setDataWatches(paths(r.getDataWatches(), plan));
        r.setExistWatches(paths(r.getExistWatches(), plan));
        r.setChildWatches(paths(r.getChildWatches(), plan));
        r.setPersistentWatches(paths(r.getPersistentWatches(), plan));
        r.setPersistentRecursiveWatches(paths(r.getPersistentRecursiveWatches(), plan));
        out.add(r);
        return null;
      }
      default:
        return op(xid, type, in, plan, out);
    }
  }

  /** Operations that may also appear inside a multi. */
  private ReplyContext op(int xid, int type, Jute.Reader in, CryptoPlan plan, List<Record> out) {
    switch (type) {
      case OpCode.create:
      case OpCode.create2:
      case OpCode.createContainer: {
        CreateRequest r = in.read(new CreateRequest());
        boolean seq = sequential(r.getFlags());
        return create(xid, type, r.getPath(), seq, r.getData(), r::setPath, r::setData, plan, out, r);
      }
      case OpCode.createTTL: {
        CreateTTLRequest r = in.read(new CreateTTLRequest());
        boolean seq = sequential(r.getFlags());
        return create(xid, type, r.getPath(), seq, r.getData(), r::setPath, r::setData, plan, out, r);
      }
      case OpCode.delete: {
        DeleteRequest r = in.read(new DeleteRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.check: {
        CheckVersionRequest r = in.read(new CheckVersionRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getData: {
        GetDataRequest r = in.read(new GetDataRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.getChildren: {
        GetChildrenRequest r = in.read(new GetChildrenRequest());
        return path(xid, type, r.getPath(), r::setPath, plan, out, r);
      }
      case OpCode.setData: {
        SetDataRequest r = in.read(new SetDataRequest());
        validate(r.getPath(), false);
        String plain = r.getPath();
        ReplyContext ctx = ReplyContext.of(xid, type, plain, false);
        plan.encryptPath(plain, false, e -> {
          ctx.encryptedPath = e;
          r.setPath(e);
        });
        plan.seal(plain, false, r.getData(), r::setData);
        out.add(r);
        return ctx;
      }
      default:
        throw new FrameException("unknown or unsupported operation " + OpCodes.name(type));
    }
  }

  private ReplyContext multi(int xid, int type, Jute.Reader in, CryptoPlan plan, List<Record> out) {
    List<ReplyContext> ops = new ArrayList<>();
    MultiHeader mh = in.read(new MultiHeader());
    while (!mh.getDone()) {
      int opType = mh.getType();
      if (!allowedInMulti(opType)) {
        throw new FrameException("operation " + OpCodes.name(opType) + " is not allowed in a multi");
      }
      out.add(mh);
      ops.add(op(xid, opType, in, plan, out));
      if (ops.size() > 100_000) {
        throw new FrameException("multi with more than 100000 operations");
      }
      mh = in.read(new MultiHeader());
    }
    out.add(mh);
    return ReplyContext.multi(xid, type, ops);
  }

  private static boolean allowedInMulti(int type) {
    return OpCodes.isCreate(type) || type == OpCode.delete || type == OpCode.setData
        || type == OpCode.check || type == OpCode.getChildren || type == OpCode.getData;
  }

  private static ReplyContext create(int xid, int type, String path, boolean seq, byte[] data,
      Consumer<String> setPath, Consumer<byte[]> setData,
      CryptoPlan plan, List<Record> out, Record r) {
    validate(path, seq);
    ReplyContext ctx = ReplyContext.of(xid, type, path, seq);
    plan.encryptPath(path, seq, e -> {
      ctx.encryptedPath = e;
      setPath.accept(e);
    });
    plan.seal(path, seq, data, setData);
    out.add(r);
    return ctx;
  }

  private static ReplyContext path(int xid, int type, String path, Consumer<String> setPath,
      CryptoPlan plan, List<Record> out, Record r) {
    validate(path, false);
    ReplyContext ctx = ReplyContext.of(xid, type, path, false);
    plan.encryptPath(path, false, e -> {
      ctx.encryptedPath = e;
      setPath.accept(e);
    });
    out.add(r);
    return ctx;
  }

  private static List<String> paths(List<String> plain, CryptoPlan plan) {
    if (plain == null) {
      return null;
    }
    List<String> enc = new ArrayList<>(plain.size());
    for (int i = 0; i < plain.size(); i++) {
      String p = plain.get(i);
      validate(p, false);
      enc.add(p);
      int at = i;
      plan.encryptPath(p, false, e -> enc.set(at, e));
    }
    return enc;
  }

  private static void validate(String path, boolean sequential) {
    if (path == null) {
      throw new IllegalArgumentException("no path");
    }
    PathUtils.validatePath(path, sequential);
  }

  private static boolean sequential(int flags) {
    try {
      return CreateMode.fromFlag(flags).isSequential();
    } catch (KeeperException e) {
      // The server will refuse the flags; nothing to append.
      return false;
    }
  }
}
