package io.sereca.cas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A node with its path, and typed accessors that name the path when the type is wrong. */
record ManifestNode(String path, JsonNode json, String key) {

  ManifestNode(String path, JsonNode json) {
    this(path, json, "");
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return json.isObject() && json.has(field) && !json.get(field).isNull();
  }

  void only(String... allowed) throws ManifestException {
    if (json.isMissingNode() || json.isNull()) {
      return;
    }
    if (!json.isObject()) {
      throw new ManifestException(path, "must be a mapping");
    }
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw new ManifestException(path(f), "unknown key (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  ManifestNode child(String field) {
    JsonNode c = json.isObject() ? json.get(field) : null;
    return new ManifestNode(path(field), c == null ? MissingNode.getInstance() : c, field);
  }

  String text(String field, boolean required) throws ManifestException {
    ManifestNode c = child(field);
    if (c.json.isMissingNode() || c.json.isNull()) {
      if (required) {
        throw new ManifestException(c.path, "is required");
      }
      return null;
    }
    return c.scalar();
  }

  String scalar() throws ManifestException {
    if (!json.isValueNode() || json.isNull()) {
      throw new ManifestException(path, "must be a single value");
    }
    return json.asText();
  }

  String name(String field) throws ManifestException {
    String v = text(field, true);
    if (!ManifestReader.NAME.matcher(v).matches()) {
      throw new ManifestException(path(field), "names are 1-64 letters, digits, '.', '_' or '-'");
    }
    return v;
  }

  boolean bool(String field, boolean dflt) throws ManifestException {
    ManifestNode c = child(field);
    if (c.json.isMissingNode() || c.json.isNull()) {
      return dflt;
    }
    if (!c.json.isBoolean()) {
      throw new ManifestException(c.path, "must be true or false");
    }
    return c.json.booleanValue();
  }

  int integer(String field, int dflt, int min, int max) throws ManifestException {
    ManifestNode c = child(field);
    if (c.json.isMissingNode() || c.json.isNull()) {
      return dflt;
    }
    if (!c.json.isIntegralNumber() || !c.json.canConvertToInt() || c.json.intValue() < min || c.json.intValue() > max) {
      throw new ManifestException(c.path, "must be a whole number from " + min + " to " + max);
    }
    return c.json.intValue();
  }

  byte[] base64(String field) throws ManifestException {
    String v = text(field, true);
    try {
      return Base64.getDecoder().decode(v.trim());
    } catch (IllegalArgumentException e) {
      throw new ManifestException(path(field), "not valid base64");
    }
  }

  ManifestNode object(String field, boolean required) throws ManifestException {
    ManifestNode c = child(field);
    if (c.json.isMissingNode() || c.json.isNull()) {
      if (required) {
        throw new ManifestException(c.path, "is required");
      }
      return c;
    }
    if (!c.json.isObject()) {
      throw new ManifestException(c.path, "must be a mapping");
    }
    return c;
  }

  List<ManifestNode> entries() {
    List<ManifestNode> out = new ArrayList<>();
    if (json.isObject()) {
      json.fields().forEachRemaining(e -> out.add(new ManifestNode(path(e.getKey()), e.getValue(), e.getKey())));
    }
    return out;
  }

  List<ManifestNode> array(String field) throws ManifestException {
    ManifestNode c = child(field);
    List<ManifestNode> out = new ArrayList<>();
    if (c.json.isMissingNode() || c.json.isNull()) {
      return out;
    }
    if (!c.json.isArray()) {
      throw new ManifestException(c.path, "must be a list");
    }
    for (int i = 0; i < c.json.size(); i++) {
      out.add(new ManifestNode(c.path + "[" + i + "]", c.json.get(i), Integer.toString(i)));
    }
    return out;
  }

  List<String> strings(String field) throws ManifestException {
    List<String> out = new ArrayList<>();
    for (ManifestNode n : array(field)) {
      out.add(n.scalar());
    }
    return out;
  }
}
