package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What moves to a new host when the owner recovers a CAS: the manifest chain and every secret.
 * The CAS's own keys and audit chain stay with each CAS; the import records the exporting CAS's
 * audit head, so its old log can still be checked against it.
 */
final class Recovery {

  private Recovery() {}

  /** The export encrypted to the manifest's recovery key; refused if it names none. */
  static byte[] encryptedExport(CasState state, io.sereca.cas.Manifest manifest) {
    byte[] recoveryKey = manifest.recoveryKey().orElseThrow(() ->
        new CasCore.Refusal(409, "the manifest sets no recoveryKey: this CAS's state cannot be exported"));
    try {
      return io.sereca.enclave.crypto.ProvisioningCipher.encrypt(recoveryKey, export(state));
    } catch (java.security.GeneralSecurityException e) {
      throw new CasCore.Refusal(409, "the manifest's recoveryKey is not a usable X25519 key");
    }
  }

  static byte[] export(CasState state) {
    ObjectNode root = (ObjectNode) read(state.toJson());
    root.remove("signingKey");
    root.remove("exchangeKey");
    root.remove("signingPublic");
    root.remove("exchangePublic");
    root.put("kind", "sereca-cas-recovery");
    return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Replaces {@code state}'s manifests and secrets with the exported ones.
   *
   * @return a description of the origin for the audit log
   * @throws IllegalArgumentException if the export is not a CAS recovery export
   */
  static String importInto(CasState state, byte[] export) {
    JsonNode root = read(export);
    if (!"sereca-cas-recovery".equals(root.path("kind").asText())) {
      throw new IllegalArgumentException("not a CAS recovery export");
    }
    ObjectNode full = (ObjectNode) root.deepCopy();
    full.put("signingKey", CasState.b64(state.signingKey)).put("exchangeKey", CasState.b64(state.exchangeKey))
        .put("signingPublic", CasState.b64(state.signingPublic)).put("exchangePublic", CasState.b64(state.exchangePublic));
    CasState imported = CasState.fromJson(full.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (imported.manifests.isEmpty()) {
      throw new IllegalArgumentException("the export holds no manifest");
    }
    state.manifests.clear();
    state.manifests.addAll(imported.manifests);
    state.secrets.clear();
    state.secrets.putAll(imported.secrets);
    return "exported at audit entry " + imported.auditSequence + " (" + imported.auditHead + ")";
  }

  private static JsonNode read(byte[] json) {
    try {
      JsonNode n = CasState.JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
  }
}
