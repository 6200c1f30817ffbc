package io.sereca.keeper.internal.core;

/**
 * Rules about znode paths shared by the host and the crypto core: which paths stay in plaintext,
 * and how a name's sequence counter is recognised.
 */
public final class ZnodeNames {

  /** ZooKeeper's own system tree (quotas, config): stored and served as is. */
  public static final String SYSTEM_TREE = "/zookeeper";
  /** Length of the counter ZooKeeper appends to sequential names ({@code %010d}). */
  public static final int COUNTER_DIGITS = 10;

  private ZnodeNames() {}

  /** Whether {@code path} is left in plaintext: the root and the server's system tree. */
  public static boolean isPlaintextPath(String path) {
    // No concatenation here: this runs for every stat the keeper rewrites.
    return path.equals("/") || path.startsWith(SYSTEM_TREE)
        && (path.length() == SYSTEM_TREE.length() || path.charAt(SYSTEM_TREE.length()) == '/');
  }

  /** Whether {@code name} ends in a 10-digit counter (sequential node, or a name that looks like one). */
  public static boolean hasCounter(String name) {
    int n = name.length();
    if (n < COUNTER_DIGITS) {
      return false;
    }
    for (int i = n - COUNTER_DIGITS; i < n; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The parent of an absolute path ({@code "/"} for a top-level node). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** The child path of {@code parent} named {@code name}. */
  public static String child(String parent, String name) {
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }
}
