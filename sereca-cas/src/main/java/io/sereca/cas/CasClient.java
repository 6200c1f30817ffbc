package io.sereca.cas;

import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.Verdict;
import io.sereca.enclave.crypto.ProvisioningCipher;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the CAS's REST API, for operators and tools. It never trusts the CAS on its word:
 * {@link #verify} checks the CAS core's evidence against a policy and learns the keys the core
 * vouches for; uploads are encrypted to that key; the audit log is checked against a head the core
 * signed with it.
 */
public final class CasClient {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI base;
  private final HttpClient http;

  private CasClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * A client of the CAS at {@code base} (e.g. {@code https://127.0.0.1:8443}) whose TLS
   * certificate must chain to {@code tlsCa}.
   */
  public static CasClient create(URI base, X509Certificate tlsCa) throws GeneralSecurityException {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("cas-ca", tlsCa);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ssl = SSLContext.getInstance("TLSv1.3");
      ssl.init(null, tmf.getTrustManagers(), RANDOM);
      return new CasClient(base, HttpClient.newBuilder().sslContext(ssl)
          .connectTimeout(Duration.ofSeconds(10)).build());
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot set up TLS trust", e);
    }
  }

  /** Reads a PEM certificate (the CAS's TLS CA). */
  public static X509Certificate readCertificate(InputStream pem) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
  }

  /**
   * Verifies the CAS before trusting it: fresh nonce, evidence checked against {@code policy}
   * (e.g. the expected measurement; simulated evidence only if the policy allows it), report data
   * binding the keys the CAS claims.
   *
   * @throws CasException if the CAS cannot be reached or its evidence is refused (with reasons)
   */
  public CasIdentity verify(AttestationPolicy policy, EvidenceVerifier verifier) throws CasException {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    JsonObject a = send("GET", "/attestation?nonce=" + HexFormat.of().formatHex(nonce), null);
    byte[] evidence = b64(a, "evidence");
    byte[] publicKey = b64(a, "publicKey");
    byte[] claims = b64(a, "claims");
    Verdict verdict = verifier.verify(evidence, policy);
    if (!verdict.accepted()) {
      throw new CasException(0, "the CAS's evidence is refused: " + String.join("; ", verdict.reasons()));
    }
    try {
      byte[] expected = ProvisioningCipher.reportData(publicKey, nonce, claims);
      if (!MessageDigest.isEqual(expected, verdict.evidence().orElseThrow().reportData())) {
        throw new CasException(0, "the CAS's evidence does not bind this nonce and its claimed keys");
      }
      JsonObject c = new JsonObject(new String(claims, StandardCharsets.UTF_8));
      PublicKey signing = KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(c.getString("signingKey"))));
      byte[] exchange = Base64.getDecoder().decode(c.getString("exchangeKey"));
      var id = verdict.evidence().orElseThrow();
      return new CasIdentity(id.identity().measurementHex(), id.simulated(), signing, exchange);
    } catch (GeneralSecurityException | DecodeException | IllegalArgumentException | NullPointerException e) {
      throw new CasException(0, "the CAS's claims are malformed: " + e.getMessage());
    }
  }

  /** The current manifest and its history (JSON as the CAS returns it). */
  public JsonObject manifest() throws CasException {
    return send("GET", "/manifest", null);
  }

  /** Sets a manifest with users' signatures (name -> Ed25519 signature of {@link CasStatements#manifestUpdate}). */
  public JsonObject setManifest(byte[] manifest, Map<String, byte[]> signatures) throws CasException {
    JsonObject sigs = new JsonObject();
    signatures.forEach((k, v) -> sigs.put(k, Base64.getEncoder().encodeToString(v)));
    return send("PUT", "/manifest", new JsonObject()
        .put("manifest", Base64.getEncoder().encodeToString(manifest)).put("signatures", sigs));
  }

  /** The hash of the current manifest, or null if none is set (what the next update must chain to). */
  public String currentManifestHash() throws CasException {
    try {
      return manifest().getString("hash");
    } catch (CasException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** Uploads a user-provided secret, encrypted to the verified CAS's exchange key. */
  public JsonObject putSecret(CasIdentity cas, String name, byte[] value, String user, PrivateKey key)
      throws CasException, GeneralSecurityException {
    byte[] nonce = nonce();
    byte[] ciphertext = ProvisioningCipher.encrypt(cas.exchangeKey(), value);
    byte[] sig = CasStatements.signAsUser(key, CasStatements.secretUpload(name, nonce, ciphertext));
    return send("PUT", "/secrets/" + name, new JsonObject().put("user", user)
        .put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("ciphertext", Base64.getEncoder().encodeToString(ciphertext))
        .put("signature", Base64.getEncoder().encodeToString(sig)));
  }

  /** Rotates a generated secret now (a user with the update role). */
  public JsonObject rotate(String name, String user, PrivateKey key) throws CasException, GeneralSecurityException {
    byte[] nonce = nonce();
    byte[] sig = CasStatements.signAsUser(key, CasStatements.rotation(name, nonce));
    return send("POST", "/rotate/" + name, new JsonObject().put("user", user)
        .put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("signature", Base64.getEncoder().encodeToString(sig)));
  }

  /**
   * Reads the audit log and checks it: the chain must be intact from entry 1 and end at the head
   * the CAS core signed (for this request's nonce) with the key its evidence vouches for.
   *
   * @throws CasException if the log was altered, truncated, or the head's signature is wrong
   */
  public List<AuditEntry> audit(CasIdentity cas, String user, PrivateKey key)
      throws CasException, GeneralSecurityException {
    byte[] nonce = nonce();
    byte[] sig = CasStatements.signAsUser(key, CasStatements.auditRead(nonce));
    JsonObject r = send("POST", "/audit", new JsonObject().put("user", user)
        .put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("signature", Base64.getEncoder().encodeToString(sig)).put("limit", 10_000));
    JsonObject head = r.getJsonObject("head");
    long seq = head.getLong("seq");
    String hash = head.getString("hash");
    if (!CasStatements.verifyCas(cas.signingKey(), CasStatements.auditHead(seq, hash, nonce),
        Base64.getDecoder().decode(head.getString("signature")))) {
      throw new CasException(0, "the audit head is not signed by the verified CAS");
    }
    List<AuditEntry> entries = new ArrayList<>();
    JsonArray list = r.getJsonArray("entries");
    for (int i = 0; i < list.size(); i++) {
      JsonObject e = list.getJsonObject(i);
      entries.add(new AuditEntry(e.getLong("seq"), e.getLong("time"), e.getString("type"),
          e.getString("subject"), e.getString("outcome"), e.getString("detail"), e.getString("prev"),
          e.getString("hash")));
    }
    var problem = AuditEntry.verifyChain(entries);
    if (problem.isPresent()) {
      throw new CasException(0, "the audit log is not intact: " + problem.get());
    }
    AuditEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
    if (entries.size() < 10_000 && (last == null ? seq != 0 : last.seq() != seq || !last.hash().equals(hash))) {
      throw new CasException(0, "the audit log ends at entry " + (last == null ? 0 : last.seq())
          + " but the CAS signed head " + seq + ": entries were dropped or altered");
    }
    return entries;
  }

  /**
   * Provisions an enclave launched with {@link io.sereca.host.EnclaveHost} directly (no Vert.x):
   * a CAS nonce, evidence binding a fresh enclave key to it, the CAS's verdict, and the delivery
   * handed to the enclave, which alone can decrypt it.
   *
   * @param service the service name in the manifest
   * @param lease the instance's current lease (null for a new instance)
   * @return the lease the CAS granted
   * @throws CasException with the CAS's status and reason if it refuses
   */
  public String provision(io.sereca.host.Enclave enclave, String service, String lease)
      throws CasException {
    byte[] nonce = nonce();
    io.sereca.host.ProvisioningRequest req;
    try {
      req = enclave.requestProvisioning(nonce).get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new CasException("the enclave cannot make a provisioning request: " + e.getMessage(), e);
    }
    JsonObject body = new JsonObject().put("service", service).put("backend", enclave.backend())
        .put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("evidence", Base64.getEncoder().encodeToString(req.evidence()))
        .put("publicKey", Base64.getEncoder().encodeToString(req.publicKey()))
        .put("claims", Base64.getEncoder().encodeToString(req.claims()));
    if (req.collateral().length > 0) {
      body.put("collateral", Base64.getEncoder().encodeToString(req.collateral()));
    }
    if (lease != null) {
      body.put("lease", lease);
    }
    JsonObject answer = send("POST", "/attest", body);
    try {
      enclave.provision(b64(answer, "secrets")).get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new CasException("the enclave refused the delivery: " + e.getMessage(), e);
    }
    return answer.getString("lease");
  }

  /**
   * Has a cluster node's public key certified by one of the manifest's CAs (for event-bus TLS):
   * the node's private key never leaves the node.
   *
   * @return the certificate and the CA certificate, DER
   */
  public java.security.cert.X509Certificate[] nodeCertificate(String ca, String node, java.security.PublicKey key,
      String user, PrivateKey userKey) throws CasException, GeneralSecurityException {
    byte[] nonce = nonce();
    byte[] sig = CasStatements.signAsUser(userKey, CasStatements.nodeCertificate(ca, node, nonce, key.getEncoded()));
    JsonObject r = send("POST", "/certificates/" + ca, new JsonObject().put("node", node).put("user", user)
        .put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("publicKey", Base64.getEncoder().encodeToString(key.getEncoded()))
        .put("signature", Base64.getEncoder().encodeToString(sig)));
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    return new java.security.cert.X509Certificate[] {
        (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(b64(r, "certificate"))),
        (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(b64(r, "ca")))};
  }

  /**
   * A provisioner for {@link io.sereca.host.LaunchOptions#setProvisioner}: enclaves launched with
   * it are provisioned from this CAS as {@code service} before the launch completes, and again
   * after each restart (renewing their lease). Runs on the common fork-join pool.
   */
  public io.sereca.host.EnclaveProvisioner provisioner(String service) {
    java.util.concurrent.atomic.AtomicReference<String> lease = new java.util.concurrent.atomic.AtomicReference<>();
    return enclave -> java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        lease.set(provision(enclave, service, lease.get()));
      } catch (CasException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
  }

  /** This CAS's manifests and secrets, encrypted to the manifest's recovery key. */
  public byte[] exportForRecovery() throws CasException {
    return b64(send("POST", "/recovery/export", new JsonObject()), "export");
  }

  /**
   * Moves an export into this (new, verified, manifest-less) CAS: decrypts it with the owner's
   * recovery key here, on the owner's machine, and encrypts it to the new CAS's exchange key.
   */
  public JsonObject importRecovered(CasIdentity target, byte[] export, java.security.KeyPair recoveryKey)
      throws CasException, GeneralSecurityException {
    byte[] plain = ProvisioningCipher.decrypt(recoveryKey, export);
    try {
      return send("POST", "/recovery/import", new JsonObject().put("state",
          Base64.getEncoder().encodeToString(ProvisioningCipher.encrypt(target.exchangeKey(), plain))));
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  private byte[] nonce() throws CasException {
    return b64(send("GET", "/nonce", null), "nonce");
  }

  private JsonObject send(String method, String path, JsonObject body) throws CasException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("content-type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> resp;
    try {
      resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CasException("cannot reach the CAS at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CasException("interrupted while talking to the CAS", e);
    }
    JsonObject json;
    try {
      json = new JsonObject(resp.body());
    } catch (DecodeException e) {
      throw new CasException(resp.statusCode(), "the CAS answered with something that is not JSON");
    }
    if (resp.statusCode() != 200) {
      throw new CasException(resp.statusCode(), json.getString("reason", "no reason given"));
    }
    return json;
  }

  private static byte[] b64(JsonObject o, String field) throws CasException {
    try {
      return Base64.getDecoder().decode(o.getString(field));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      throw new CasException(0, "the CAS's answer lacks a valid '" + field + "'");
    }
  }
}
