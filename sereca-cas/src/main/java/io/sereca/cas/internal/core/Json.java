package io.sereca.cas.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/** Typed reads of request fields that refuse with a 400 naming the field. */
final class Json {

  private Json() {}

  static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) {
      throw new CasCore.Refusal(400, "request field '" + field + "' is required (text)");
    }
    return n.asText();
  }

  static byte[] bytes(JsonNode r, String field) {
    try {
      return Base64.getDecoder().decode(text(r, field));
    } catch (IllegalArgumentException e) {
      throw new CasCore.Refusal(400, "request field '" + field + "' is not valid base64");
    }
  }

  static byte[] optionalBytes(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
      return new byte[0];
    }
    return bytes(r, field);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
