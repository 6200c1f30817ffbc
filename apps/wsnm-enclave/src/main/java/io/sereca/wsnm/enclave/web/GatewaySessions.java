package io.sereca.wsnm.enclave.web;

import io.sereca.wsnm.json.Fields;
import io.sereca.wsnm.json.Json;
import io.sereca.wsnm.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's login and frame protocol over its session table: single-use challenges, the login
 * handshake ({@link LoginHandshake}), throttling of failed logins, and opening and sealing of
 * frames ({@code {"s":session,"q":sequence,"c":base64 ciphertext}}).
 */
public final class GatewaySessions {

  /** Lifetime of a login challenge. */
  public static final long CHALLENGE_MILLIS = 60_000;
  /** Most outstanding challenges (the oldest is dropped beyond). */
  public static final int MAX_CHALLENGES = 1024;
  /** Failed logins of one user before it is throttled. */
  public static final int MAX_FAILURES = 5;
  /** How long a throttled user waits after its last failure. */
  public static final long THROTTLE_MILLIS = 30_000;
  /** The one answer to a refused login: it does not say which part was wrong. */
  public static final String REFUSED = "login refused: unknown user or wrong password"
      + " (or too many failures: wait 30 s)";
  /** Largest ciphertext of a browser frame. */
  public static final int MAX_FRAME_BYTES = 64 * 1024;

  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final EcdhP256 keys;
  private final byte[] gatewayKey;
  private final SecureRandom random;
  private final SessionTable table = new SessionTable();
  private final LinkedHashMap<String, Long> challenges = new LinkedHashMap<>();
  private final Map<String, long[]> failures = new HashMap<>(); // user -> {count, last failure}
  private String lastExpired;

  /** Sessions under the gateway's key pair. */
  public GatewaySessions(EcdhP256 keys, SecureRandom random) {
    this.keys = keys;
    this.gatewayKey = keys.rawPublicKey();
    this.random = random;
  }

  /** A login's outcome: the reply to send and the role granted. */
  public static final class LoginResult {
    private final Map<String, Object> reply;
    private final String role;

    LoginResult(Map<String, Object> reply, String role) {
      this.reply = reply;
      this.role = role;
    }

    /** {@code {"session","frame"}}. */
    public Map<String, Object> reply() {
      return reply;
    }

    /** The role's wire name. */
    public String role() {
      return role;
    }
  }

  /** An opened browser frame. */
  public static final class Opened {
    private final GatewaySession session;
    private final long sequence;
    private final Map<String, Object> request;

    Opened(GatewaySession session, long sequence, Map<String, Object> request) {
      this.session = session;
      this.sequence = sequence;
      this.request = request;
    }

    /** Its session. */
    public GatewaySession session() {
      return session;
    }

    /** Its sequence number. */
    public long sequence() {
      return sequence;
    }

    /** The decrypted request, or null if it was not a JSON object. */
    public Map<String, Object> request() {
      return request;
    }
  }

  /** Sets the session limits. */
  public void limits(long idleMillis, long maxMillis) {
    table.limits(idleMillis, maxMillis);
  }

  /** Idle timeout in milliseconds. */
  public long idleMillis() {
    return table.idleMillis();
  }

  /** Whether the table is full. */
  public boolean full() {
    return table.full();
  }

  /** Number of live (not yet swept) sessions. */
  public int size() {
    return table.size();
  }

  /** A fresh single-use challenge (base64). */
  public String challenge(long now) {
    challenges.values().removeIf(expiry -> expiry < now);
    while (challenges.size() >= MAX_CHALLENGES) {
      Iterator<String> it = challenges.keySet().iterator();
      it.next();
      it.remove();
    }
    byte[] c = new byte[16];
    random.nextBytes(c);
    String text = B64.encodeToString(c);
    challenges.put(text, now + CHALLENGE_MILLIS);
    return text;
  }

  /**
   * Runs a login.
   *
   * @throws DashboardException 400 malformed, 403 refused ({@link #REFUSED}, whatever the cause)
   */
  public LoginResult login(Map<String, Object> body, UserDirectory users, long now) throws DashboardException {
    Fields f = Fields.of(body, "login");
    byte[] clientKey;
    byte[] challenge;
    byte[] iv;
    byte[] ct;
    String challengeText;
    try {
      if (f.integer("v") != 1) {
        throw new DashboardException(400, "login: protocol version must be 1");
      }
      clientKey = b64(f, "login", "clientKey");
      challengeText = f.string("challenge");
      challenge = b64(f, "login", "challenge");
      iv = b64(f, "login", "iv");
      ct = b64(f, "login", "ct");
    } catch (JsonException e) {
      throw new DashboardException(400, e.getMessage());
    }
    Long expiry = challenges.remove(challengeText);
    if (expiry == null || expiry < now) {
      throw new DashboardException(400, "login: unknown, used or expired challenge (ask hello again)");
    }
    byte[] z;
    try {
      z = keys.agree(clientKey);
    } catch (GeneralSecurityException e) {
      throw new DashboardException(400, "login: clientKey is not a valid P-256 public key");
    }
    String user;
    char[] password;
    try {
      byte[] loginKey = LoginHandshake.loginKey(z, challenge, clientKey, gatewayKey);
      byte[] plain = LoginHandshake.openCredentials(loginKey, iv, challenge, ct);
      Fields cred = Fields.parse(plain, "credentials");
      user = cred.string("user");
      password = cred.string("password").toCharArray();
      Arrays.fill(plain, (byte) 0);
    } catch (GeneralSecurityException e) {
      throw new DashboardException(400, "login: credentials do not authenticate under the login key");
    } catch (JsonException e) {
      throw new DashboardException(400, "login: " + e.getMessage());
    }
    Optional<UserDirectory.User> found;
    try {
      found = users.verify(user, password);
    } catch (GeneralSecurityException e) {
      throw new DashboardException(500, "login: password check failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(password, '\0');
    }
    long[] failed = failures.get(user);
    boolean throttled = failed != null && failed[0] >= MAX_FAILURES && now - failed[1] < THROTTLE_MILLIS;
    if (found.isEmpty() || throttled) {
      if (users.contains(user)) {
        // Only known names are counted, so the map is bounded by the directory.
        long[] count = failed == null ? new long[2] : failed;
        count[0]++;
        count[1] = now;
        failures.put(user, count);
      }
      throw new DashboardException(403, REFUSED);
    }
    failures.remove(user);
    byte[] sid = new byte[16];
    random.nextBytes(sid);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(sid);
    GatewaySession s;
    try {
      byte[] key = LoginHandshake.sessionKey(z, challenge, id, clientKey, gatewayKey);
      s = new GatewaySession(id, found.get().name(), found.get().role(), key, now);
      Arrays.fill(key, (byte) 0);
      Arrays.fill(z, (byte) 0);
    } catch (GeneralSecurityException e) {
      throw new DashboardException(500, "login: session key derivation failed");
    }
    table.add(s);
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("user", s.user());
    hello.put("role", s.role().wireName());
    hello.put("idleSeconds", table.idleMillis() / 1000);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("session", id);
    try {
      reply.put("frame", seal(s, ok(0, hello)));
    } catch (GeneralSecurityException e) {
      throw new DashboardException(500, "login: sealing the first frame failed");
    }
    return new LoginResult(reply, s.role().wireName());
  }

  /**
   * Opens a browser frame.
   *
   * @throws DashboardException 400 malformed or not authentic, 401 unknown or expired session,
   *     409 replayed
   */
  public Opened open(Map<String, Object> frame, long now) throws DashboardException {
    Fields f = Fields.of(frame, "frame");
    String id;
    long seq;
    byte[] ct;
    try {
      id = f.string("s");
      seq = f.integer("q");
      ct = b64(f, "frame", "c");
    } catch (JsonException e) {
      throw new DashboardException(400, e.getMessage());
    }
    if (ct.length > MAX_FRAME_BYTES) {
      throw new DashboardException(400, "frame: ciphertext larger than " + MAX_FRAME_BYTES + " bytes");
    }
    GatewaySession s = table.get(id);
    if (s == null) {
      throw new DashboardException(401, "unknown session (log in again)");
    }
    if (table.expired(s, now)) {
      table.remove(id);
      lastExpired = id;
      throw new DashboardException(401, "session expired (log in again)");
    }
    byte[] plain;
    try {
      plain = s.openFromClient(seq, ct);
    } catch (GatewaySession.ReplayedFrameException e) {
      throw new DashboardException(409, e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new DashboardException(400, "frame does not authenticate under the session key (tampered,"
          + " or not of this session)");
    }
    s.touch(now);
    try {
      return new Opened(s, seq, Json.parseObject(new String(plain, StandardCharsets.UTF_8)));
    } catch (JsonException e) {
      // Authentic but malformed: the answer is encrypted, the session lives on.
      return new Opened(s, seq, null);
    }
  }

  /** The session id that {@link #open} last found expired (and removed). */
  public String lastExpired() {
    String id = lastExpired;
    lastExpired = null;
    return id;
  }

  /**
   * Seals {@code payload} as the session's next frame.
   *
   * @throws DashboardException 401 if the session is gone
   */
  public Map<String, Object> seal(GatewaySession s, Map<String, Object> payload)
      throws GeneralSecurityException, DashboardException {
    if (table.get(s.id()) != s && !Boolean.TRUE.equals(bodyOf(payload).get("loggedOut"))) {
      throw new DashboardException(401, "session ended");
    }
    GatewaySession.Sealed sealed = s.sealToClient(Json.writeBytes(payload));
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("s", s.id());
    frame.put("q", sealed.sequence);
    frame.put("c", B64.encodeToString(sealed.ciphertext));
    return frame;
  }

  /** Push messages ({@code {"to","frame"}}) of {@code push} for every live session. */
  public List<Map<String, Object>> pushToAll(Map<String, Object> push) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GatewaySession s : table.live()) {
      try {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", s.id());
        m.put("frame", seal(s, push));
        out.add(m);
      } catch (GeneralSecurityException | DashboardException e) {
        // A session that cannot be sealed to gets no push; it sees the gap in the alarm list.
      }
    }
    return out;
  }

  /** Removes expired sessions, returning their ids. */
  public List<String> sweep(long now) {
    return table.sweep(now);
  }

  /** Ends a session. */
  public void close(String id) {
    table.remove(id);
  }

  /** Ends every session, returning their ids. */
  public List<String> closeAll() {
    return table.clear();
  }

  /** A success payload answering request {@code re}. */
  public static Map<String, Object> ok(long re, Map<String, Object> body) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("re", re);
    p.put("ok", true);
    p.put("body", body);
    return p;
  }

  /** A failure payload answering request {@code re}. */
  public static Map<String, Object> error(long re, int code, String message) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("re", re);
    p.put("ok", false);
    p.put("code", (long) code);
    p.put("error", message);
    return p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> bodyOf(Map<String, Object> payload) {
    Object b = payload.get("body");
    return b instanceof Map ? (Map<String, Object>) b : Map.of();
  }

  private static byte[] b64(Fields f, String what, String name) {
    String text = f.string(name);
    try {
      return B64D.decode(text);
    } catch (IllegalArgumentException e) {
      throw new JsonException(what + ": field '" + name + "' is not base64");
    }
  }
}
