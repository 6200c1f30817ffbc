package io.sereca.wsnm.enclave.web;

import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.JsonException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The dashboard's users, read from the provisioned file {@value #PATH}: name, role and a salted
 * PBKDF2-HMAC-SHA256 hash of the password with its iteration count.
 *
 * <pre>{@code
 * {"version":1, "sessionIdleSeconds":900, "sessionMaxSeconds":43200,
 *  "users":[{"name":"ada","role":"operator","iterations":600000,"salt":"<base64>","hash":"<base64>"}]}
 * }</pre>
 *
 * <p>Unknown keys are errors (a typo must not silently weaken anything). A password check of an
 * unknown user runs the same PBKDF2 work against a dummy entry, and the final comparison is
 * constant-time, so neither timing nor the answer tells which names exist.
 */
public final class UserDirectory {

  /** Where the CAS delivers the file. */
  public static final String PATH = "/etc/wsnm/users.json";
  /** Fewest PBKDF2 iterations accepted (tests use few; production files should use 600 000). */
  public static final int MIN_ITERATIONS = 1_000;
  /** Most PBKDF2 iterations accepted: a login runs inside the gateway's single thread. */
  public static final int MAX_ITERATIONS = 5_000_000;
  /** Hash length in bytes. */
  public static final int HASH_BYTES = 32;
  /** Default idle timeout of a session. */
  public static final int DEFAULT_IDLE_SECONDS = 900;
  /** Default absolute lifetime of a session. */
  public static final int DEFAULT_MAX_SECONDS = 12 * 3600;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Set<String> TOP_KEYS = Set.of("version", "sessionIdleSeconds", "sessionMaxSeconds", "users");
  private static final Set<String> USER_KEYS = Set.of("name", "role", "iterations", "salt", "hash");

  /** One user entry. */
  public static final class User {
    final String name;
    final Role role;
    final int iterations;
    final byte[] salt;
    final byte[] hash;

    User(String name, Role role, int iterations, byte[] salt, byte[] hash) {
      this.name = name;
      this.role = role;
      this.iterations = iterations;
      this.salt = salt;
      this.hash = hash;
    }

    /** The user's name. */
    public String name() {
      return name;
    }

    /** The user's role. */
    public Role role() {
      return role;
    }
  }

  private final Map<String, User> users;
  private final int idleSeconds;
  private final int maxSeconds;
  private final User dummy;

  private UserDirectory(Map<String, User> users, int idleSeconds, int maxSeconds) {
    this.users = users;
    this.idleSeconds = idleSeconds;
    this.maxSeconds = maxSeconds;
    int iterations = users.values().stream().mapToInt(u -> u.iterations).max().orElse(MIN_ITERATIONS);
    this.dummy = new User("", Role.VIEWER, iterations, new byte[16], new byte[HASH_BYTES]);
  }

  /**
   * Parses the file's bytes.
   *
   * @throws IllegalArgumentException naming the entry and field that is wrong (never a hash or salt)
   */
  public static UserDirectory parse(byte[] utf8) {
    Fields f;
    try {
      f = Fields.parse(utf8, "users.json");
    } catch (JsonException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    try {
      unknownKeys(f.map(), TOP_KEYS, "users.json");
      if (f.integer("version") != 1) {
        throw new IllegalArgumentException("users.json: version must be 1");
      }
      int idle = (int) bounded(f.integer("sessionIdleSeconds", DEFAULT_IDLE_SECONDS), 1, 7 * 86_400, "sessionIdleSeconds");
      int max = (int) bounded(f.integer("sessionMaxSeconds", DEFAULT_MAX_SECONDS), 1, 30 * 86_400, "sessionMaxSeconds");
      Map<String, User> out = new LinkedHashMap<>();
      List<Object> list = f.array("users");
      for (int i = 0; i < list.size(); i++) {
        String what = "users.json users[" + i + "]";
        if (!(list.get(i) instanceof Map)) {
          throw new IllegalArgumentException(what + " must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) list.get(i);
        unknownKeys(m, USER_KEYS, what);
        Fields u = Fields.of(m, what);
        String name = u.string("name");
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(what + ": name must be 1-64 of A-Z a-z 0-9 . _ @ -");
        }
        Role role = Role.parse(u.string("role"));
        int iterations = (int) bounded(u.integer("iterations"), MIN_ITERATIONS, MAX_ITERATIONS, what + ".iterations");
        byte[] salt = base64(u.string("salt"), what + ".salt");
        byte[] hash = base64(u.string("hash"), what + ".hash");
        if (salt.length < 16 || salt.length > 64) {
          throw new IllegalArgumentException(what + ": salt must be 16-64 bytes");
        }
        if (hash.length != HASH_BYTES) {
          throw new IllegalArgumentException(what + ": hash must be " + HASH_BYTES + " bytes");
        }
        if (out.putIfAbsent(name, new User(name, role, iterations, salt, hash)) != null) {
          throw new IllegalArgumentException(what + ": user '" + name + "' appears twice");
        }
      }
      return new UserDirectory(out, idle, max);
    } catch (JsonException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Whether a user of that name exists. */
  public boolean contains(String name) {
    return users.containsKey(name);
  }

  /** Number of users. */
  public int size() {
    return users.size();
  }

  /** Session idle timeout in seconds. */
  public int idleSeconds() {
    return idleSeconds;
  }

  /** Session absolute lifetime in seconds. */
  public int maxSeconds() {
    return maxSeconds;
  }

  /**
   * The user if {@code name} exists and {@code password} is theirs. Costs the same PBKDF2 work
   * whether or not the name exists.
   */
  public Optional<User> verify(String name, char[] password) throws GeneralSecurityException {
    User u = users.get(name);
    User against = u == null ? dummy : u;
    byte[] candidate = pbkdf2(password, against.salt, against.iterations);
    boolean match = MessageDigest.isEqual(candidate, against.hash);
    return match && u != null ? Optional.of(u) : Optional.empty();
  }

  /** PBKDF2-HMAC-SHA256 with a 32-byte output (the JDK encodes the password as UTF-8). */
  public static byte[] pbkdf2(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private static void unknownKeys(Map<String, Object> m, Set<String> allowed, String what) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(what + ": unknown key '" + k + "' (allowed: " + allowed + ")");
      }
    }
  }

  private static long bounded(long v, long min, long max, String what) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ", was " + v);
    }
    return v;
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64");
    }
  }
}
