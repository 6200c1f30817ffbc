package io.sereca.keeper.internal;

import java.util.List;

/**
 * What the proxy remembers about a forwarded request to rewrite its reply: the operation, the
 * plaintext path and its encryption, and for a multi the context of each operation. Built on the
 * connection's event loop while the request is parsed; the encrypted path is filled in when the
 * request's crypto batch has run, before the request is sent.
 */
final class ReplyContext {

  final int xid;
  final int type;
  /** The plaintext path (null if the operation has none). */
  final String path;
  /** Whether a create was sequential (the server appends a counter). */
  final boolean sequential;
  /** A ZooKeeper error code the proxy answers with instead of the reply (0: none). */
  final int localError;
  /** Per-operation contexts of a multi (empty otherwise). */
  final List<ReplyContext> ops;
  /** The plaintext prefix of a getEphemerals (null otherwise). */
  final String prefix;
  /** What the server saw as the path (set once encrypted). */
  String encryptedPath;

  private ReplyContext(int xid, int type, String path, boolean sequential, int localError,
      List<ReplyContext> ops, String prefix) {
    this.xid = xid;
    this.type = type;
    this.path = path;
    this.sequential = sequential;
    this.localError = localError;
    this.ops = ops;
    this.prefix = prefix;
  }

  static ReplyContext of(int xid, int type, String path, boolean sequential) {
    return new ReplyContext(xid, type, path, sequential, 0, List.of(), null);
  }

  static ReplyContext error(int xid, int type, int code) {
    return new ReplyContext(xid, type, null, false, code, List.of(), null);
  }

  static ReplyContext multi(int xid, int type, List<ReplyContext> ops) {
    return new ReplyContext(xid, type, null, false, 0, List.copyOf(ops), null);
  }

  static ReplyContext ephemerals(int xid, int type, String prefix) {
    return new ReplyContext(xid, type, null, false, 0, List.of(), prefix);
  }
}
