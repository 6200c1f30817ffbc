package io.sereca.vertx;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.Provisioner;
import io.sereca.attestation.Verdict;
import io.sereca.enclave.boundary.SecretsCodec;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A development stand-in for the configuration and attestation service: it attests secure
 * verticles over the event bus and provisions route keys, encrypted to each enclave's attested
 * key. It holds the keys in its own memory (in production the CAS, itself in an enclave, does).
 *
 * <p>Protocol on {@code <address>.nonce} (reply: 32 fresh random bytes, single use, valid 60 s)
 * and {@code <address>.attest} (JSON {@code nonce, evidence, publicKey} in base64; reply: the
 * encrypted secrets, or a failure 403 listing the verifier's reasons).
 */
public final class DevProvisioner extends VerticleBase {

  /** Default address. */
  public static final String DEFAULT_ADDRESS = "sereca.dev-provisioner";
  private static final long NONCE_LIFETIME_MILLIS = 60_000;
  /** Nonces issued and not yet used or expired, at most. */
  static final int MAX_OUTSTANDING_NONCES = 10_000;
  private static final System.Logger LOG = System.getLogger(DevProvisioner.class.getName());

  private final String address;
  private final RouteTable routes;
  private final List<RouteKey> keys;
  private final AttestationPolicy policy;
  private final Map<String, byte[]> extraSecrets;
  private final Map<String, Long> nonces = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates a provisioner.
   *
   * @param address the event-bus address it serves
   * @param routes the route table enclaves receive
   * @param keys the route keys enclaves receive
   * @param policy which enclaves may receive them (simulated evidence only if the policy says so)
   */
  public DevProvisioner(String address, RouteTable routes, List<RouteKey> keys, AttestationPolicy policy) {
    this(address, routes, keys, policy, Map.of());
  }

  /**
   * Creates a provisioner that also delivers named secrets (for example {@code sereca.file./etc/app.conf}
   * or an app's own key), as the CAS delivers a manifest's secrets, env and files.
   *
   * @param secrets further secrets by name; names starting {@code sereca.route} are refused
   */
  public DevProvisioner(String address, RouteTable routes, List<RouteKey> keys, AttestationPolicy policy,
      Map<String, byte[]> secrets) {
    this.address = address;
    this.routes = routes;
    this.keys = List.copyOf(keys);
    this.policy = new AttestationPolicy(policy);
    Map<String, byte[]> copy = new LinkedHashMap<>();
    secrets.forEach((name, value) -> {
      if (name.startsWith("sereca.route")) {
        throw new IllegalArgumentException("secret name '" + name + "' is reserved for routes and route keys");
      }
      copy.put(name, value.clone());
    });
    this.extraSecrets = copy;
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> regs = new ArrayList<>();
    regs.add(vertx.eventBus().<Buffer>consumer(address + ".nonce", this::nonce).completion());
    regs.add(vertx.eventBus().<JsonObject>consumer(address + ".attest", this::attest).completion());
    return Future.all(regs);
  }

  private void nonce(Message<Buffer> m) {
    byte[] n = new byte[32];
    random.nextBytes(n);
    long now = System.currentTimeMillis();
    nonces.entrySet().removeIf(e -> e.getValue() < now);
    if (nonces.size() >= MAX_OUTSTANDING_NONCES) {
      // Anyone on the bus can ask for nonces: bound what they can make us remember.
      m.fail(429, "too many outstanding attestation nonces; retry later");
      return;
    }
    nonces.put(HexFormat.of().formatHex(n), now + NONCE_LIFETIME_MILLIS);
    m.reply(Buffer.buffer(n));
  }

  private void attest(Message<JsonObject> m) {
    byte[] nonce;
    byte[] evidence;
    byte[] publicKey;
    try {
      JsonObject body = m.body();
      nonce = Base64.getDecoder().decode(body.getString("nonce"));
      evidence = Base64.getDecoder().decode(body.getString("evidence"));
      publicKey = Base64.getDecoder().decode(body.getString("publicKey"));
    } catch (RuntimeException e) {
      m.fail(400, "attestation request must be JSON with base64 nonce, evidence and publicKey");
      return;
    }
    Long expiry = nonces.remove(HexFormat.of().formatHex(nonce));
    if (expiry == null || expiry < System.currentTimeMillis()) {
      m.fail(403, "unknown, used or expired nonce");
      return;
    }
    vertx.executeBlocking(() -> {
      Verdict verdict = EvidenceVerifier.create().verify(evidence, policy);
      if (!verdict.accepted()) {
        throw new SecurityException("attestation refused: " + String.join("; ", verdict.reasons()));
      }
      Map<String, byte[]> secrets = new LinkedHashMap<>();
      secrets.put("sereca.routes", routes.toText().getBytes(StandardCharsets.UTF_8));
      for (RouteKey k : keys) {
        secrets.put("sereca.route-key." + k.name() + "." + k.version(), k.material());
      }
      secrets.putAll(extraSecrets);
      return Provisioner.encryptSecrets(verdict, publicKey, nonce, SecretsCodec.encode(secrets));
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(Buffer.buffer(ar.result()));
      } else {
        LOG.log(System.Logger.Level.WARNING, "provisioning refused: {0}", ar.cause().getMessage());
        m.fail(403, ar.cause().getMessage());
      }
    });
  }
}
