package io.sereca.wsnm.web;

import io.sereca.wsnm.enclave.web.Role;
import io.sereca.wsnm.enclave.web.UserDirectory;
import io.sereca.wsnm.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the dashboard's user file {@code /etc/wsnm/users.json} (what the CAS, or a dev
 * provisioner, delivers to the web gateway enclave) from user names, roles and passwords: each
 * password is stored as a salted PBKDF2-HMAC-SHA256 hash, never in clear.
 *
 * <pre>{@code
 * String pw = Users.randomPassword();
 * byte[] file = new Users().add("ada", "operator", pw).toJson();
 * }</pre>
 */
public final class Users {

  /** Default PBKDF2 iterations (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<Map<String, Object>> users = new ArrayList<>();
  private int iterations = DEFAULT_ITERATIONS;
  private int sessionIdleSeconds = UserDirectory.DEFAULT_IDLE_SECONDS;
  private int sessionMaxSeconds = UserDirectory.DEFAULT_MAX_SECONDS;

  /** An empty user file. */
  public Users() {}

  /** PBKDF2 iterations for users added from now on ({@value UserDirectory#MIN_ITERATIONS} or more). */
  public Users setIterations(int iterations) {
    if (iterations < UserDirectory.MIN_ITERATIONS || iterations > UserDirectory.MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be in " + UserDirectory.MIN_ITERATIONS + ".."
          + UserDirectory.MAX_ITERATIONS);
    }
    this.iterations = iterations;
    return this;
  }

  /** Idle timeout of a session, seconds. */
  public Users setSessionIdleSeconds(int seconds) {
    this.sessionIdleSeconds = seconds;
    return this;
  }

  /** Absolute lifetime of a session, seconds. */
  public Users setSessionMaxSeconds(int seconds) {
    this.sessionMaxSeconds = seconds;
    return this;
  }

  /**
   * Adds a user.
   *
   * @param role viewer, operator or engineer
   * @throws IllegalArgumentException for an unknown role or an empty password
   */
  public Users add(String name, String role, String password) {
    Role.parse(role);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("user " + name + " needs a password");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] hash;
    try {
      hash = UserDirectory.pbkdf2(password.toCharArray(), salt, iterations);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("name", name);
    u.put("role", role);
    u.put("iterations", (long) iterations);
    u.put("salt", Base64.getEncoder().encodeToString(salt));
    u.put("hash", Base64.getEncoder().encodeToString(hash));
    users.add(u);
    return this;
  }

  /**
   * The file's bytes (UTF-8 JSON), checked by the same parser the gateway uses.
   *
   * @throws IllegalArgumentException if the gateway would refuse it (say, a duplicate name)
   */
  public byte[] toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1L);
    doc.put("sessionIdleSeconds", (long) sessionIdleSeconds);
    doc.put("sessionMaxSeconds", (long) sessionMaxSeconds);
    doc.put("users", users);
    byte[] out = Json.write(doc).getBytes(StandardCharsets.UTF_8);
    UserDirectory.parse(out);
    return out;
  }

  /** A random 16-character password (about 93 bits) without look-alike characters. */
  public static String randomPassword() {
    StringBuilder sb = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
