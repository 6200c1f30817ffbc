package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.cas.Manifest;
import io.sereca.cas.ManifestException;
import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import io.sereca.enclave.crypto.ProvisioningCipher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Function;

/**
 * The CAS's enclave app. The host delivers JSON requests to {@code cas.*} addresses, one at a
 * time; every reply is JSON with a {@code status} (HTTP-like: 200, 400, 403, 404, 409, 429, 503),
 * a {@code reason} when refused, the audit entries the request produced and, when anything
 * changed, the new sealed state for the host to store before it answers its client.
 *
 * <p>Requests: {@code cas.open} (state, audit tail, simulation root), {@code cas.nonce},
 * {@code cas.attest}, {@code cas.release}, {@code cas.manifest.set}, {@code cas.manifest.get},
 * {@code cas.secret.put}, {@code cas.rotate}, {@code cas.due}, {@code cas.audit.head},
 * {@code cas.recovery.export}, {@code cas.recovery.import}, {@code cas.node.certificate}.
 */
public final class CasCore implements EnclaveApp {

  /** The label sealed state is bound to. */
  static final String STATE_KEY_ID = "sereca-cas-state";
  /** How long receivers accept a superseded route key: the enclave runtime's grace period. */
  static final long ROUTE_KEY_GRACE_MILLIS = 60_000;

  private EnclaveContext ctx;
  private Operations ops;

  @Override
  public void init(EnclaveContext context) {
    this.ctx = context;
    handle("cas.open", this::open);
    handle("cas.nonce", r -> ops().nonce(r));
    handle("cas.attest", r -> ops().attest(r));
    handle("cas.release", r -> ops().release(r));
    handle("cas.manifest.set", r -> ops().setManifest(r));
    handle("cas.manifest.get", r -> ops().getManifest(r));
    handle("cas.secret.put", r -> ops().putSecret(r));
    handle("cas.rotate", r -> ops().rotate(r));
    handle("cas.due", r -> ops().due(r));
    handle("cas.audit.head", r -> ops().auditHead(r));
    handle("cas.recovery.export", r -> ops().exportForRecovery(r));
    handle("cas.node.certificate", r -> ops().issueNodeCertificate(r));
    handle("cas.recovery.import", r -> ops().importRecovered(r));
  }

  private Operations ops() {
    if (ops == null) {
      throw new Refusal(503, "the CAS core is not open yet (cas.open must come first)");
    }
    return ops;
  }

  private void handle(String address, Function<JsonNode, Reply> op) {
    ctx.register(address, m -> answer(m, op));
  }

  private synchronized void answer(EnclaveMessage m, Function<JsonNode, Reply> op) {
    Reply reply;
    try {
      JsonNode request = CasState.JSON.readTree(m.body());
      if (request == null || !request.isObject()) {
        throw new Refusal(400, "request must be a JSON object");
      }
      reply = op.apply(request);
    } catch (Refusal r) {
      reply = ops == null ? Reply.refused(r.status, r.getMessage()) : ops.refusedNoAudit(r);
    } catch (IOException e) {
      reply = Reply.refused(400, "request is not valid JSON");
    } catch (RuntimeException e) {
      // Never echo a message that could carry secret material: the class name is enough.
      ctx.log().error("CAS core failure: " + e.getClass().getName());
      reply = Reply.refused(500, "internal error in the CAS core (" + e.getClass().getSimpleName() + ")");
    }
    m.reply(reply.toBytes());
  }

  private Reply open(JsonNode r) {
    if (ops != null) {
      throw new Refusal(409, "the CAS core is already open");
    }
    X509Certificate simulationRoot = null;
    if (r.hasNonNull("simulationRoot")) {
      try {
        simulationRoot = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Json.bytes(r, "simulationRoot")));
      } catch (CertificateException | ClassCastException e) {
        throw new Refusal(400, "simulationRoot is not an X.509 certificate");
      }
    }
    long propagation = r.path("propagationMillis").asLong(5_000);
    long leaseTtl = r.path("leaseTtlMillis").asLong(3_600_000);
    if (propagation < 0 || propagation > 3_600_000 || leaseTtl < 1_000) {
      throw new Refusal(400, "propagationMillis must be 0..3600000 and leaseTtlMillis at least 1000");
    }
    CasState state;
    Reply reply = new Reply(200);
    long now = System.currentTimeMillis();
    if (r.hasNonNull("state")) {
      byte[] json;
      try {
        json = ctx.unseal(Json.bytes(r, "state"));
      } catch (SealingException e) {
        throw new Refusal(409, "the sealed CAS state cannot be opened: it was tampered with, or "
            + "sealed by another enclave or on another platform");
      }
      state = CasState.fromJson(json);
      checkAuditTail(state, r.path("auditTail"));
    } else {
      if (r.path("auditTail").path("seq").asLong(0) != 0) {
        throw new Refusal(409, "the audit log has entries but there is no CAS state: the state was deleted");
      }
      state = fresh();
    }
    Manifest manifest = null;
    if (state.currentManifest() != null) {
      try {
        manifest = Manifest.parse(state.currentManifest().bytes());
      } catch (ManifestException e) {
        throw new Refusal(409, "the stored manifest no longer parses: " + e.getMessage());
      }
    }
    KeyPair signing = keyPair("EC", state.signingKey, state.signingPublic);
    KeyPair exchange = keyPair("X25519", state.exchangeKey, state.exchangePublic);
    ops = new Operations(ctx, state, manifest, signing, exchange, simulationRoot, propagation,
        new Leases(leaseTtl));
    byte[] exchangeRaw = ProvisioningCipher.rawPublicKey(exchange.getPublic());
    ObjectNode claims = CasState.JSON.createObjectNode()
        .put("service", "sereca-cas")
        .put("signingKey", Base64.getEncoder().encodeToString(state.signingPublic))
        .put("exchangeKey", Base64.getEncoder().encodeToString(exchangeRaw));
    ctx.setAttestationClaims(claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    reply = ops.changed(reply, now, "start", "cas", "accepted",
        "state version " + state.version + (manifest == null ? ", no manifest" : ", manifest " + manifest.hash()));
    reply.body.set("identity", claims);
    return reply;
  }

  private static void checkAuditTail(CasState state, JsonNode tail) {
    long seq = tail.path("seq").asLong(0);
    String hash = tail.path("hash").asText(io.sereca.cas.AuditEntry.GENESIS);
    if (seq > state.auditSequence) {
      throw new Refusal(409, "the CAS state is older than its audit log (state ends at entry "
          + state.auditSequence + ", the log at " + seq + "): the state was rolled back");
    }
    if (seq < state.auditSequence) {
      throw new Refusal(409, "the audit log ends at entry " + seq + " but the state recorded "
          + state.auditSequence + ": the log was truncated or rolled back");
    }
    if (!java.security.MessageDigest.isEqual(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        state.auditHead.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new Refusal(409, "the audit log's last entry does not match the sealed state: the log was altered");
    }
  }

  private static CasState fresh() {
    try {
      CasState s = new CasState();
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair signing = ec.generateKeyPair();
      KeyPair exchange = KeyPairGenerator.getInstance("X25519").generateKeyPair();
      s.signingKey = signing.getPrivate().getEncoded();
      s.signingPublic = signing.getPublic().getEncoded();
      s.exchangeKey = exchange.getPrivate().getEncoded();
      s.exchangePublic = exchange.getPublic().getEncoded();
      return s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the CAS keys", e);
    }
  }

  private static KeyPair keyPair(String algorithm, byte[] pkcs8, byte[] x509) {
    try {
      KeyFactory f = KeyFactory.getInstance(algorithm);
      return new KeyPair(f.generatePublic(new X509EncodedKeySpec(x509)),
          f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    } catch (GeneralSecurityException e) {
      throw new Refusal(409, "the CAS state holds an unusable " + algorithm + " key");
    }
  }

  /** Seals the state for the host to store. */
  static byte[] seal(EnclaveContext ctx, CasState state) {
    try {
      return ctx.seal(SealPolicy.MEASUREMENT, STATE_KEY_ID, state.toJson());
    } catch (SealingException e) {
      throw new IllegalStateException("cannot seal the CAS state", e);
    }
  }

  /** A request refused with a status and a reason that is safe to show. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  /** A reply under construction. */
  static final class Reply {
    final ObjectNode body = CasState.JSON.createObjectNode();
    final ArrayNode audit;

    Reply(int status) {
      body.put("status", status);
      audit = body.putArray("audit");
    }

    static Reply refused(int status, String reason) {
      Reply r = new Reply(status);
      r.body.put("reason", reason);
      return r;
    }

    byte[] toBytes() {
      return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
