package io.sereca.keeper.internal;

import org.apache.zookeeper.ZooDefs.OpCode;

/** Operation codes the proxy knows, and their names for log messages. */
final class OpCodes {

  /** The xid of watch notifications from the server. */
  static final int NOTIFICATION_XID = -1;
  /** Ping xid. */
  static final int PING_XID = -2;
  /** Auth packet xid. */
  static final int AUTH_XID = -4;
  /** setWatches xid. */
  static final int SET_WATCHES_XID = -8;

  private OpCodes() {}

  /** Operations forwarded unchanged: no path, no data. */
  static boolean isPassThrough(int type) {
    switch (type) {
      case OpCode.ping:
      case OpCode.auth:
      case OpCode.closeSession:
      case OpCode.sasl:
      case OpCode.whoAmI:
      case OpCode.reconfig:
        return true;
      default:
        return false;
    }
  }

  static boolean isCreate(int type) {
    return type == OpCode.create || type == OpCode.create2 || type == OpCode.createContainer
        || type == OpCode.createTTL;
  }

  static String name(int type) {
    switch (type) {
      case OpCode.create: return "create";
      case OpCode.delete: return "delete";
      case OpCode.exists: return "exists";
      case OpCode.getData: return "getData";
      case OpCode.setData: return "setData";
      case OpCode.getACL: return "getACL";
      case OpCode.setACL: return "setACL";
      case OpCode.getChildren: return "getChildren";
      case OpCode.sync: return "sync";
      case OpCode.ping: return "ping";
      case OpCode.getChildren2: return "getChildren2";
      case OpCode.check: return "check";
      case OpCode.multi: return "multi";
      case OpCode.create2: return "create2";
      case OpCode.reconfig: return "reconfig";
      case OpCode.checkWatches: return "checkWatches";
      case OpCode.removeWatches: return "removeWatches";
      case OpCode.createContainer: return "createContainer";
      case OpCode.deleteContainer: return "deleteContainer";
      case OpCode.createTTL: return "createTTL";
      case OpCode.multiRead: return "multiRead";
      case OpCode.auth: return "auth";
      case OpCode.setWatches: return "setWatches";
      case OpCode.sasl: return "sasl";
      case OpCode.getEphemerals: return "getEphemerals";
      case OpCode.getAllChildrenNumber: return "getAllChildrenNumber";
      case OpCode.setWatches2: return "setWatches2";
      case OpCode.addWatch: return "addWatch";
      case OpCode.whoAmI: return "whoAmI";
      case OpCode.createSession: return "createSession";
      case OpCode.closeSession: return "closeSession";
      default: return "op " + type;
    }
  }
}
