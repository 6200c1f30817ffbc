package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.EvidenceVerifier;
import io.sereca.attestation.Provisioner;
import io.sereca.attestation.Verdict;
import io.sereca.cas.CasStatements;
import io.sereca.cas.Manifest;
import io.sereca.cas.ManifestException;
import io.sereca.cas.internal.core.CasCore.Refusal;
import io.sereca.cas.internal.core.CasCore.Reply;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.boundary.SecretsCodec;
import io.sereca.enclave.crypto.ProvisioningCipher;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CAS's operations on an open state. Called one at a time (the core serializes requests). */
final class Operations {

  /** Versions of a rotated secret kept: the current, a staged one and one in its grace period. */
  private static final int KEPT_VERSIONS = 3;
  private static final int MAX_USER_SECRET_BYTES = 1 << 20;

  private final EnclaveContext ctx;
  private final CasState state;
  private Manifest manifest;
  private final KeyPair signing;
  private final KeyPair exchange;
  private final EvidenceVerifier verifier;
  private final long propagationMillis;
  private final Leases leases;
  private final Nonces nonces = new Nonces(10_000, 60_000);

  Operations(EnclaveContext ctx, CasState state, Manifest manifest, KeyPair signing,
      KeyPair exchange, X509Certificate simulationRoot, long propagationMillis, Leases leases) {
    this.ctx = ctx;
    this.state = state;
    this.manifest = manifest;
    this.signing = signing;
    this.exchange = exchange;
    this.verifier = simulationRoot == null ? EvidenceVerifier.create() : EvidenceVerifier.create(simulationRoot);
    this.propagationMillis = propagationMillis;
    this.leases = leases;
  }

  Reply nonce(JsonNode r) {
    byte[] n = nonces.issue(now());
    if (n == null) {
      throw new Refusal(429, "too many outstanding nonces; retry later");
    }
    Reply reply = new Reply(200);
    reply.body.put("nonce", Json.b64(n));
    return reply;
  }

  Reply attest(JsonNode r) {
    long now = now();
    String service = r.path("service").asText("");
    try {
      byte[] nonce = Json.bytes(r, "nonce");
      byte[] evidence = Json.bytes(r, "evidence");
      byte[] publicKey = Json.bytes(r, "publicKey");
      byte[] claims = Json.optionalBytes(r, "claims");
      String backend = r.path("backend").asText("");
      if (service.isEmpty()) {
        throw new Refusal(400, "request field 'service' is required");
      }
      if (!nonces.consume(nonce, now)) {
        throw new Refusal(403, "unknown, used or expired nonce");
      }
      Manifest m = requireManifest();
      Manifest.Service s = m.services().get(service);
      if (s == null) {
        throw new Refusal(403, "service '" + service + "' is not in the manifest");
      }
      if (!s.backends().isEmpty() && !s.backends().contains(backend)) {
        throw new Refusal(403, "backend '" + backend + "' is not allowed for service '" + service
            + "' (allowed: " + String.join(", ", s.backends()) + ")");
      }
      io.sereca.attestation.Collateral collateral = io.sereca.attestation.Collateral.none();
      if (r.hasNonNull("collateral")) {
        try {
          collateral = io.sereca.attestation.Collateral.parse(Json.bytes(r, "collateral"), "the attestation request");
        } catch (io.sereca.attestation.InvalidCollateralException e) {
          throw new Refusal(400, "collateral: " + e.getMessage());
        }
      }
      AttestationPolicy policy = ServicePolicy.of(m, s);
      try {
        policy.setExpectedReportData(ProvisioningCipher.reportData(publicKey, nonce, claims));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
      Verdict verdict = verifier.verify(evidence, null, collateral, policy, java.time.Instant.ofEpochMilli(now));
      if (!verdict.accepted()) {
        throw new Refusal(403, "attestation refused: " + String.join("; ", verdict.reasons()));
      }
      String lease = leases.acquire(service, r.path("lease").asText(null), s.maxInstances(), now);
      if (lease == null) {
        throw new Refusal(403, "service '" + service + "' already has " + s.maxInstances()
            + " live instances (maxInstances)");
      }
      Map<String, byte[]> delivery;
      try {
        delivery = Delivery.forService(m, s, state, now, CasCore.ROUTE_KEY_GRACE_MILLIS);
      } catch (IllegalStateException e) {
        leases.release(lease);
        throw new Refusal(409, "cannot provision '" + service + "': " + e.getMessage());
      }
      delivery.put("sereca.cas.lease", lease.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] sealed;
      try {
        sealed = Provisioner.encryptSecrets(verdict, publicKey, nonce, claims, SecretsCodec.encode(delivery));
      } catch (GeneralSecurityException e) {
        leases.release(lease);
        throw new Refusal(403, e.getMessage());
      }
      Reply reply = new Reply(200);
      reply.body.put("secrets", Json.b64(sealed)).put("lease", lease);
      var identity = verdict.evidence().orElseThrow();
      String what = identity.teeType().name() + " enclave " + identity.identity().measurementHex()
          + " (svn " + identity.identity().svn() + ") got " + Delivery.describe(delivery);
      return changed(reply, now, "attestation", service, "accepted", what);
    } catch (Refusal f) {
      if (f.status == 400 && service.isEmpty()) {
        throw f;
      }
      return changed(Reply.refused(f.status, f.getMessage()), now, "attestation",
          service.isEmpty() ? "?" : service, "refused", f.getMessage());
    }
  }

  Reply release(JsonNode r) {
    leases.release(Json.text(r, "lease"));
    return new Reply(200);
  }

  Reply setManifest(JsonNode r) {
    long now = now();
    byte[] bytes = Json.bytes(r, "manifest");
    Manifest next;
    try {
      next = Manifest.parse(bytes);
    } catch (ManifestException e) {
      Reply bad = Reply.refused(400, e.getMessage());
      bad.body.put("path", e.path());
      return bad;
    }
    String previous = manifest == null ? null : manifest.hash();
    if (next.hash().equals(previous)) {
      throw new Refusal(409, "this manifest is already the current version");
    }
    // The first version is governed by its own users; every later one by its predecessor's.
    Manifest governing = manifest == null ? next : manifest;
    byte[] statement = CasStatements.manifestUpdate(previous, bytes);
    List<String> signers = new ArrayList<>();
    JsonNode sigs = r.path("signatures");
    for (Manifest.User u : governing.users().values()) {
      JsonNode sig = sigs.get(u.name());
      if (sig != null && sig.isTextual() && u.roles().contains(Manifest.Role.UPDATE)
          && CasStatements.verifyUser(u.publicKey(), statement, decode(sig.asText()))) {
        signers.add(u.name());
      }
    }
    if (signers.size() < governing.updateThreshold()) {
      String reason = "manifest update needs valid signatures of " + governing.updateThreshold()
          + " users with the update role; got " + signers.size() + (signers.isEmpty() ? "" : " " + signers);
      return changed(Reply.refused(403, reason), now, "manifest", next.hash(), "refused", reason);
    }
    List<String> generated = new ArrayList<>();
    try {
      // CAs first: certificates are issued by them.
      List<Manifest.Secret> ordered = new ArrayList<>(next.secrets().values());
      ordered.sort(java.util.Comparator.comparing(s -> s.type() == Manifest.SecretType.CA ? 0 : 1));
      for (Manifest.Secret s : ordered) {
        if (s.type() != Manifest.SecretType.USER && !state.secrets.containsKey(s.name())) {
          List<CasState.SecretVersion> versions = new ArrayList<>();
          versions.add(SecretFactory.generate(s, 1, now, now, state::latest));
          state.secrets.put(s.name(), versions);
          generated.add(s.name());
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate secrets", e);
    }
    state.secrets.keySet().retainAll(next.secrets().keySet());
    state.manifests.add(new CasState.ManifestVersion(state.manifests.size() + 1, next.hash(), previous,
        bytes, signers));
    manifest = next;
    leases.retainServices(next.services().keySet());
    Reply reply = new Reply(200);
    reply.body.put("version", state.manifests.size()).put("hash", next.hash());
    return changed(reply, now, "manifest", next.hash(), "accepted", "version " + state.manifests.size()
        + " signed by " + signers + (generated.isEmpty() ? "" : "; generated " + generated));
  }

  Reply getManifest(JsonNode r) {
    Reply reply = new Reply(200);
    CasState.ManifestVersion current = state.currentManifest();
    if (current == null) {
      return Reply.refused(404, "no manifest has been set");
    }
    reply.body.put("manifest", Json.b64(current.bytes())).put("hash", current.hash())
        .put("version", current.version());
    ArrayNode history = reply.body.putArray("history");
    for (CasState.ManifestVersion v : state.manifests) {
      ObjectNode h = history.addObject().put("version", v.version()).put("hash", v.hash())
          .put("previous", v.previous());
      ArrayNode s = h.putArray("signers");
      v.signers().forEach(s::add);
    }
    return reply;
  }

  Reply putSecret(JsonNode r) {
    long now = now();
    String name = Json.text(r, "name");
    String user = Json.text(r, "user");
    byte[] nonce = Json.bytes(r, "nonce");
    byte[] ciphertext = Json.bytes(r, "ciphertext");
    byte[] signature = Json.bytes(r, "signature");
    try {
      if (!nonces.consume(nonce, now)) {
        throw new Refusal(403, "unknown, used or expired nonce");
      }
      Manifest m = requireManifest();
      Manifest.Secret spec = m.secrets().get(name);
      if (spec == null || spec.type() != Manifest.SecretType.USER) {
        throw new Refusal(404, "the manifest has no user-provided secret '" + name + "'");
      }
      authorize(m, user, Manifest.Role.SECRETS, CasStatements.secretUpload(name, nonce, ciphertext), signature);
      byte[] value;
      try {
        value = ProvisioningCipher.decrypt(exchange, ciphertext);
      } catch (GeneralSecurityException e) {
        throw new Refusal(400, "the secret is not encrypted to this CAS's exchange key");
      }
      if (value.length > MAX_USER_SECRET_BYTES) {
        throw new Refusal(400, "a secret may have at most " + MAX_USER_SECRET_BYTES + " bytes");
      }
      List<CasState.SecretVersion> versions = state.secrets.computeIfAbsent(name, k -> new ArrayList<>());
      int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
      versions.add(new CasState.SecretVersion(version, now, now, value, new byte[0]));
      trim(versions);
      Reply reply = new Reply(200);
      reply.body.put("name", name).put("version", version);
      return changed(reply, now, "secret", name, "accepted", "version " + version + " uploaded by " + user);
    } catch (Refusal f) {
      return changed(Reply.refused(f.status, f.getMessage()), now, "secret", name, "refused", f.getMessage());
    }
  }

  Reply rotate(JsonNode r) {
    long now = now();
    String name = Json.text(r, "secret");
    boolean scheduled = r.path("scheduled").asBoolean(false);
    try {
      Manifest m = requireManifest();
      Manifest.Secret spec = m.secrets().get(name);
      if (spec == null || spec.type() == Manifest.SecretType.USER) {
        throw new Refusal(404, "the manifest has no generated secret '" + name + "'");
      }
      CasState.SecretVersion latest = state.latest(name);
      String by;
      if (scheduled) {
        Duration every = spec.rotateEvery().orElseThrow(() ->
            new Refusal(409, "secret '" + name + "' has no rotation schedule"));
        if (latest != null && latest.created() + every.toMillis() > now) {
          throw new Refusal(409, "secret '" + name + "' is not due for rotation yet");
        }
        by = "schedule";
      } else {
        String user = Json.text(r, "user");
        byte[] nonce = Json.bytes(r, "nonce");
        if (!nonces.consume(nonce, now)) {
          throw new Refusal(403, "unknown, used or expired nonce");
        }
        authorize(m, user, Manifest.Role.UPDATE, CasStatements.rotation(name, nonce), Json.bytes(r, "signature"));
        by = user;
      }
      int version = latest == null ? 1 : latest.version() + 1;
      long activeFrom = now + propagationMillis;
      List<CasState.SecretVersion> versions = state.secrets.computeIfAbsent(name, k -> new ArrayList<>());
      try {
        versions.add(SecretFactory.generate(spec, version, now, activeFrom, state::latest));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate a new version", e);
      }
      trim(versions);
      Reply reply = new Reply(200);
      reply.body.put("secret", name).put("version", version).put("activeFrom", activeFrom);
      return changed(reply, now, "rotation", name, "accepted", "version " + version + " by " + by
          + ", used for sending from " + java.time.Instant.ofEpochMilli(activeFrom));
    } catch (Refusal f) {
      return changed(Reply.refused(f.status, f.getMessage()), now, "rotation", name, "refused", f.getMessage());
    }
  }

  Reply due(JsonNode r) {
    long now = now();
    Reply reply = new Reply(200);
    ArrayNode due = reply.body.putArray("due");
    if (manifest != null) {
      for (Manifest.Secret s : manifest.secrets().values()) {
        CasState.SecretVersion latest = state.latest(s.name());
        if (s.rotateEvery().isPresent() && latest != null
            && latest.created() + s.rotateEvery().get().toMillis() <= now) {
          due.add(s.name());
        }
      }
    }
    return reply;
  }

  Reply auditHead(JsonNode r) {
    byte[] nonce = Json.bytes(r, "nonce");
    String user = Json.text(r, "user");
    if (!nonces.consume(nonce, now())) {
      throw new Refusal(403, "unknown, used or expired nonce");
    }
    authorize(requireManifest(), user, Manifest.Role.AUDIT, CasStatements.auditRead(nonce), Json.bytes(r, "signature"));
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(signing.getPrivate());
      s.update(CasStatements.auditHead(state.auditSequence, state.auditHead, nonce));
      Reply reply = new Reply(200);
      reply.body.put("seq", state.auditSequence).put("hash", state.auditHead)
          .put("signature", Json.b64(s.sign()));
      return reply;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the audit head", e);
    }
  }

  /**
   * The manifests and secrets, encrypted to the owner's recovery key from the manifest, so the
   * owner can move them to a CAS on another host. Only the recovery key's holder can read it.
   */
  Reply exportForRecovery(JsonNode r) {
    long now = now();
    Manifest m = requireManifest();
    byte[] export = Recovery.encryptedExport(state, m);
    Reply reply = new Reply(200);
    reply.body.put("export", Json.b64(export));
    return changed(reply, now, "recovery", m.hash(), "accepted", "state exported to the recovery key");
  }

  /**
   * Takes over manifests and secrets exported by another CAS, re-encrypted by the owner to this
   * CAS's exchange key. Only a CAS without a manifest accepts it; this CAS keeps its own keys and
   * audit chain and records where the imported state came from.
   */
  Reply importRecovered(JsonNode r) {
    long now = now();
    if (manifest != null) {
      throw new Refusal(409, "this CAS already has a manifest: recovery imports only into a new CAS");
    }
    byte[] plain;
    try {
      plain = ProvisioningCipher.decrypt(exchange, Json.bytes(r, "state"));
    } catch (GeneralSecurityException e) {
      throw new Refusal(400, "the recovered state is not encrypted to this CAS's exchange key");
    }
    Manifest imported;
    String origin;
    try {
      origin = Recovery.importInto(state, plain);
      imported = Manifest.parse(state.currentManifest().bytes());
    } catch (ManifestException | IllegalArgumentException e) {
      throw new Refusal(400, "the recovered state is not valid: " + e.getMessage());
    }
    manifest = imported;
    Reply reply = new Reply(200);
    reply.body.put("hash", imported.hash()).put("version", state.manifests.size());
    return changed(reply, now, "recovery", imported.hash(), "accepted", "state imported; " + origin);
  }

  /**
   * A certificate from one of the manifest's CAs for a cluster node's own key (the node keeps its
   * private key): for event-bus TLS between hosts. Asked for by a user with the update role.
   */
  Reply issueNodeCertificate(JsonNode r) {
    long now = now();
    String caName = Json.text(r, "ca");
    String node = Json.text(r, "node");
    byte[] publicKey = Json.bytes(r, "publicKey");
    try {
      byte[] nonce = Json.bytes(r, "nonce");
      if (!nonces.consume(nonce, now)) {
        throw new Refusal(403, "unknown, used or expired nonce");
      }
      Manifest m = requireManifest();
      Manifest.Secret ca = m.secrets().get(caName);
      if (ca == null || ca.type() != Manifest.SecretType.CA) {
        throw new Refusal(404, "the manifest has no ca secret '" + caName + "'");
      }
      if (!node.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new Refusal(400, "node names are 1-64 letters, digits, '.', '_' or '-'");
      }
      authorize(m, Json.text(r, "user"), Manifest.Role.UPDATE,
          CasStatements.nodeCertificate(caName, node, nonce, publicKey), Json.bytes(r, "signature"));
      CasState.SecretVersion caVersion = state.latest(caName);
      java.security.PublicKey key;
      try {
        key = java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(publicKey));
      } catch (GeneralSecurityException e) {
        throw new Refusal(400, "publicKey is not an EC public key (X.509 SubjectPublicKeyInfo)");
      }
      byte[] cert;
      byte[] caCert = caVersion.publicPart();
      try {
        cert = SecretFactory.nodeCertificate(caVersion, ca.certificate().orElseThrow().validity(), key, node, now);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot issue a node certificate", e);
      }
      Reply reply = new Reply(200);
      reply.body.put("certificate", Json.b64(cert)).put("ca", Json.b64(caCert));
      return changed(reply, now, "certificate", node, "accepted", "node certificate from " + caName);
    } catch (Refusal f) {
      return changed(Reply.refused(f.status, f.getMessage()), now, "certificate", node, "refused", f.getMessage());
    }
  }

  Reply refusedNoAudit(Refusal r) {
    return Reply.refused(r.status, r.getMessage());
  }

  /** Appends an audit entry, bumps and seals the state, and puts both into the reply. */
  Reply changed(Reply reply, long now, String type, String subject, String outcome, String detail) {
    reply.audit.add(AuditChain.append(state, now, type, subject, outcome, detail));
    state.version++;
    reply.body.put("state", Json.b64(CasCore.seal(ctx, state)));
    reply.body.put("stateVersion", state.version);
    return reply;
  }

  private void authorize(Manifest m, String user, Manifest.Role role, byte[] statement, byte[] signature) {
    Manifest.User u = m.users().get(user);
    if (u == null || !u.roles().contains(role)) {
      throw new Refusal(403, "user '" + user + "' does not have the " + role.name().toLowerCase() + " role");
    }
    if (!CasStatements.verifyUser(u.publicKey(), statement, signature)) {
      throw new Refusal(403, "the signature of user '" + user + "' does not verify");
    }
  }

  private Manifest requireManifest() {
    if (manifest == null) {
      throw new Refusal(503, "no manifest has been set");
    }
    return manifest;
  }

  private static void trim(List<CasState.SecretVersion> versions) {
    while (versions.size() > KEPT_VERSIONS) {
      versions.remove(0);
    }
  }

  private static byte[] decode(String b64) {
    try {
      return java.util.Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
