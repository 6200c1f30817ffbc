package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the CAS must remember across restarts. Lives only inside the CAS enclave; leaves it
 * only sealed. Not thread-safe: the core runs one request at a time.
 */
final class CasState {

  static final int FORMAT = 1;
  static final ObjectMapper JSON = new ObjectMapper();

  /** Increments with every change: a sealed copy with a lower version is an old copy. */
  long version;
  /** ECDSA P-256, PKCS#8 and X.509: signs audit heads. */
  byte[] signingKey;
  byte[] signingPublic;
  /** X25519, PKCS#8 and X.509: users encrypt uploaded secrets to it. */
  byte[] exchangeKey;
  byte[] exchangePublic;
  final List<ManifestVersion> manifests = new ArrayList<>();
  final Map<String, List<SecretVersion>> secrets = new LinkedHashMap<>();
  long auditSequence;
  String auditHead = AuditChain.GENESIS;

  record ManifestVersion(int version, String hash, String previous, byte[] bytes, List<String> signers) {}

  /**
   * One version of a secret.
   *
   * @param version 1, 2, ...
   * @param created epoch millis
   * @param activeFrom epoch millis from which senders use it (route keys)
   * @param material the secret (raw key, PKCS#8 private key, or the uploaded bytes)
   * @param publicPart X.509 public key of a key pair, or empty
   */
  record SecretVersion(int version, long created, long activeFrom, byte[] material, byte[] publicPart) {}

  ManifestVersion currentManifest() {
    return manifests.isEmpty() ? null : manifests.get(manifests.size() - 1);
  }

  SecretVersion latest(String secret) {
    List<SecretVersion> versions = secrets.get(secret);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", version);
    root.put("signingKey", b64(signingKey));
    root.put("exchangeKey", b64(exchangeKey));
    root.put("signingPublic", b64(signingPublic));
    root.put("exchangePublic", b64(exchangePublic));
    ArrayNode ms = root.putArray("manifests");
    for (ManifestVersion m : manifests) {
      ObjectNode n = ms.addObject();
      n.put("version", m.version()).put("hash", m.hash()).put("previous", m.previous())
          .put("bytes", b64(m.bytes()));
      ArrayNode signers = n.putArray("signers");
      m.signers().forEach(signers::add);
    }
    ObjectNode ss = root.putObject("secrets");
    secrets.forEach((name, versions) -> {
      ArrayNode a = ss.putArray(name);
      for (SecretVersion v : versions) {
        a.addObject().put("version", v.version()).put("created", v.created())
            .put("activeFrom", v.activeFrom()).put("material", b64(v.material()))
            .put("public", b64(v.publicPart()));
      }
    });
    root.put("auditSequence", auditSequence);
    root.put("auditHead", auditHead);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the CAS state", e);
    }
  }

  static CasState fromJson(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException("CAS state has an unknown format");
      }
      CasState s = new CasState();
      s.version = root.path("version").asLong();
      s.signingKey = unb64(root.path("signingKey").asText());
      s.exchangeKey = unb64(root.path("exchangeKey").asText());
      s.signingPublic = unb64(root.path("signingPublic").asText());
      s.exchangePublic = unb64(root.path("exchangePublic").asText());
      for (JsonNode n : root.path("manifests")) {
        List<String> signers = new ArrayList<>();
        n.path("signers").forEach(x -> signers.add(x.asText()));
        s.manifests.add(new ManifestVersion(n.path("version").asInt(), n.path("hash").asText(),
            n.path("previous").isNull() ? null : n.path("previous").asText(null),
            unb64(n.path("bytes").asText()), signers));
      }
      root.path("secrets").fields().forEachRemaining(e -> {
        List<SecretVersion> versions = new ArrayList<>();
        for (JsonNode v : e.getValue()) {
          versions.add(new SecretVersion(v.path("version").asInt(), v.path("created").asLong(),
              v.path("activeFrom").asLong(), unb64(v.path("material").asText()),
              unb64(v.path("public").asText())));
        }
        s.secrets.put(e.getKey(), versions);
      });
      s.auditSequence = root.path("auditSequence").asLong();
      s.auditHead = root.path("auditHead").asText(AuditChain.GENESIS);
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("CAS state is not valid JSON", e);
    }
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b == null ? new byte[0] : b);
  }

  static byte[] unb64(String s) {
    return Base64.getDecoder().decode(s == null ? "" : s);
  }
}
