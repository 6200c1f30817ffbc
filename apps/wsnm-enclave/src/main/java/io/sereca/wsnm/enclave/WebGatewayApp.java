package io.sereca.wsnm.enclave;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.enclave.ReplyException;
import io.sereca.wsnm.data.WsnmAddresses;
import io.sereca.wsnm.enclave.web.DashboardException;
import io.sereca.wsnm.enclave.web.DashboardRequest;
import io.sereca.wsnm.enclave.web.EcdhP256;
import io.sereca.wsnm.enclave.web.GatewaySessions;
import io.sereca.wsnm.enclave.web.UserDirectory;
import io.sereca.wsnm.json.Json;
import io.sereca.wsnm.json.JsonException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web gateway enclave of the WSNM dashboard: logins, roles and per-session encryption. The web
 * proxy host serves the pages and relays frames; it sees ciphertext, session ids and timing only.
 *
 * <p>Addresses (all unprotected by the route table: their payloads are session-encrypted or public):
 * <ul>
 *   <li>{@value #HELLO} (request, empty) → {@code {"v":1,"gatewayKey","challenge","measurement"}}:
 *       the gateway's P-256 public key and a single-use login challenge (60 s);
 *   <li>{@value #LOGIN} (request) {@code {"v":1,"clientKey","challenge","iv","ct"}} →
 *       {@code {"session","frame"}} or failure 403 (always the same text) / 400 (malformed);
 *   <li>{@value #RPC} (request) a frame {@code {"s","q","c"}} → a frame, or failure 401 (unknown or
 *       expired session), 409 (replay), 400 (does not authenticate / malformed);
 *   <li>{@value #TICK} (request, empty, from the host's timer) → {@code {"sessions":n}}: expires
 *       idle sessions;
 *   <li>{@value #OUT} (send, gateway → host): {@code {"to":session,"frame":…}} pushes and
 *       {@code {"closed":session,"reason"}} notices.
 * </ul>
 * It consumes {@code wsnm.alarms.events} (protected) and pushes an encrypted copy to every session.
 *
 * <p>The key pair is made inside the enclave at init and never leaves it; the public key is not
 * (yet) bound into the attestation evidence, see docs/wsnm-dashboard.md.
 */
public final class WebGatewayApp implements EnclaveApp {

  /** Hello address. */
  public static final String HELLO = WsnmAddresses.WEB_PREFIX + "gateway.hello";
  /** Login address. */
  public static final String LOGIN = WsnmAddresses.WEB_PREFIX + "gateway.login";
  /** Encrypted request address. */
  public static final String RPC = WsnmAddresses.WEB_PREFIX + "gateway.rpc";
  /** Expiry tick address. */
  public static final String TICK = WsnmAddresses.WEB_PREFIX + "gateway.tick";
  /** Gateway → host address: pushes and session-closed notices. */
  public static final String OUT = WsnmAddresses.WEB_PREFIX + "gateway.out";
  /** Timeout of the gateway's protected requests to the other services. */
  public static final long UPSTREAM_TIMEOUT_MILLIS = 10_000;

  private final SecureRandom random = new SecureRandom();
  private EnclaveContext ctx;
  private EcdhP256 keys;
  private String gatewayKeyB64;
  private GatewaySessions sessions;
  private UserDirectory users;
  private byte[] usersFile;

  @Override
  public void init(EnclaveContext context) throws GeneralSecurityException {
    this.ctx = context;
    this.keys = EcdhP256.generate(random);
    this.gatewayKeyB64 = Base64.getEncoder().encodeToString(keys.rawPublicKey());
    this.sessions = new GatewaySessions(keys, random);
    // Not set as attestation claims: the dev provisioner refuses evidence with claims it was not
    // sent (docs/wsnm-dashboard.md, limits); the browser could not check the evidence anyway.
    context.register(HELLO, this::hello);
    context.register(LOGIN, this::login);
    context.register(RPC, this::rpc);
    context.register(TICK, this::tick);
    context.register(WsnmAddresses.ALARMS_EVENTS, this::alarmEvent);
    context.onProvisioned(this::provisioned);
    provisioned(context.secrets());
  }

  private void provisioned(ProvisionedSecrets secrets) {
    Optional<byte[]> file = secrets.file(UserDirectory.PATH);
    if (file.isEmpty()) {
      if (!secrets.isEmpty()) {
        ctx.log().warn("no " + UserDirectory.PATH + " provisioned: every login is refused");
      }
      return;
    }
    if (usersFile != null && Arrays.equals(usersFile, file.get())) {
      return;
    }
    try {
      UserDirectory parsed = UserDirectory.parse(file.get());
      users = parsed;
      usersFile = file.get();
      sessions.limits(parsed.idleSeconds() * 1000L, parsed.maxSeconds() * 1000L);
      // A new directory may have removed a user or changed a role: nobody keeps an old session.
      sessions.closeAll().forEach(id -> closed(id, "users changed"));
      ctx.log().info("user directory loaded: " + parsed.size() + " users");
    } catch (IllegalArgumentException e) {
      // The message names the field, never a hash or salt.
      ctx.log().error("refusing the provisioned user directory: " + e.getMessage());
    }
  }

  private void hello(EnclaveMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("v", 1L);
    out.put("gatewayKey", gatewayKeyB64);
    out.put("challenge", sessions.challenge(now()));
    out.put("measurement", ctx.identity().measurementHex());
    m.reply(Json.writeBytes(out));
  }

  private void login(EnclaveMessage m) {
    if (users == null) {
      m.fail(503, "login unavailable: no user directory has been provisioned to the gateway");
      return;
    }
    if (sessions.full()) {
      m.fail(503, "too many sessions; try again later");
      return;
    }
    try {
      GatewaySessions.LoginResult r = sessions.login(Json.parseObject(m.body()), users, now());
      m.reply(Json.writeBytes(r.reply()));
      ctx.log().info("login accepted (role " + r.role() + ")");
    } catch (DashboardException e) {
      if (e.code() == 403) {
        ctx.log().info("login refused");
      }
      m.fail(e.code(), e.getMessage());
    } catch (JsonException e) {
      m.fail(400, "login: " + e.getMessage());
    }
  }

  private void rpc(EnclaveMessage m) {
    long now = now();
    GatewaySessions.Opened in;
    try {
      in = sessions.open(Json.parseObject(m.body()), now);
    } catch (DashboardException e) {
      String expired = sessions.lastExpired();
      if (expired != null) {
        // open() found the session expired and removed it; the host learns it here.
        closed(expired, "expired");
      }
      m.fail(e.code(), e.getMessage());
      return;
    } catch (JsonException e) {
      m.fail(400, "frame: " + e.getMessage());
      return;
    }
    if (in.request() == null) {
      answer(m, in, GatewaySessions.error(in.sequence(), 400, "request: the decrypted frame is not a JSON object"));
      return;
    }
    DashboardRequest request;
    try {
      request = DashboardRequest.of(in.request(), in.session().user(), in.session().role());
    } catch (DashboardException e) {
      answer(m, in, GatewaySessions.error(in.sequence(), e.code(), e.getMessage()));
      return;
    }
    if (request.address() == null) {
      answer(m, in, GatewaySessions.ok(in.sequence(), local(request.op(), in)));
      if (request.op().equals("logout")) {
        sessions.close(in.session().id());
        closed(in.session().id(), "logout");
      }
      return;
    }
    ctx.request(request.address(), Map.of(), request.body(), UPSTREAM_TIMEOUT_MILLIS).whenComplete((reply, err) -> {
      Map<String, Object> payload;
      if (err != null) {
        Throwable t = err.getCause() != null && !(err instanceof ReplyException) ? err.getCause() : err;
        String why = t instanceof ReplyException ? t.getMessage() + " (code " + ((ReplyException) t).code() + ")"
            : t.getClass().getSimpleName();
        payload = GatewaySessions.error(in.sequence(), 502, service(request.address()) + " did not answer: " + why);
      } else {
        try {
          payload = GatewaySessions.ok(in.sequence(), Json.parseObject(reply.body()));
        } catch (JsonException e) {
          payload = GatewaySessions.error(in.sequence(), 502, service(request.address()) + " answered no JSON object");
        }
      }
      answer(m, in, payload);
    });
  }

  private Map<String, Object> local(String op, GatewaySessions.Opened in) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", in.session().user());
    body.put("role", in.session().role().wireName());
    body.put("idleSeconds", sessions.idleMillis() / 1000);
    if (op.equals("logout")) {
      body.put("loggedOut", true);
    }
    return body;
  }

  private void answer(EnclaveMessage m, GatewaySessions.Opened in, Map<String, Object> payload) {
    try {
      m.reply(Json.writeBytes(sessions.seal(in.session(), payload)));
    } catch (GeneralSecurityException | DashboardException e) {
      m.fail(401, "session ended before the answer was ready");
    }
  }

  private void tick(EnclaveMessage m) {
    sessions.sweep(now()).forEach(id -> closed(id, "expired"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessions", (long) sessions.size());
    if (m.isRequest()) {
      m.reply(Json.writeBytes(out));
    }
  }

  private void alarmEvent(EnclaveMessage m) {
    Map<String, Object> event;
    try {
      event = Json.parseObject(m.body());
    } catch (JsonException e) {
      ctx.log().warn("dropping an alarm event that is not a JSON object");
      return;
    }
    long now = now();
    sessions.sweep(now).forEach(id -> closed(id, "expired"));
    Map<String, Object> push = new LinkedHashMap<>();
    push.put("push", "alarm");
    push.put("body", event);
    for (Map<String, Object> out : sessions.pushToAll(push)) {
      ctx.send(OUT, Json.writeBytes(out));
    }
  }

  private void closed(String id, String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("closed", id);
    out.put("reason", reason);
    ctx.send(OUT, Json.writeBytes(out));
  }

  private static String service(String address) {
    if (address.startsWith("wsnm.cache.")) {
      return "cache archiver";
    }
    if (address.startsWith("wsnm.storage.")) {
      return "storage archiver";
    }
    return "alarm manager";
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
