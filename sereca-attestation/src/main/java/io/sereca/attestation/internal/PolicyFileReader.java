package io.sereca.attestation.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sereca.attestation.AllowedSigner;
import io.sereca.attestation.AttestationPolicy;
import io.sereca.attestation.Evidence;
import io.sereca.attestation.InvalidPolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an {@link io.sereca.attestation.AttestationPolicy} from YAML or JSON by walking the tree
 * by hand rather than data-binding it, so that every error names the key path and the value, and
 * unknown or duplicate keys are refused instead of ignored.
 */
public final class PolicyFileReader {

  /** Policy files larger than this are refused before parsing; real ones are a few KB. */
  private static final long MAX_FILE_SIZE = 1024 * 1024;

  private static final Set<String> KEYS = Set.of("allowedMeasurements", "allowedSigners",
      "debugAllowed", "allowSimulation", "simulationRoot", "maxAge", "maxClockSkew",
      "expectedReportData", "acceptedTcbStatuses");
  private static final Set<String> SIGNER_KEYS = Set.of("signer", "productId", "minSvn");

  private final Path file;

  private PolicyFileReader(Path file) {
    this.file = file;
  }

  /** Reads the policy in {@code file}. */
  public static AttestationPolicy read(Path file) throws IOException {
    return new PolicyFileReader(file).read();
  }

  private AttestationPolicy read() throws IOException {
    if (Files.size(file) > MAX_FILE_SIZE) {
      throw new InvalidPolicyException(file + ": policy file larger than " + MAX_FILE_SIZE + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        || text.stripLeading().startsWith("{");
    ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
    // A key given twice would otherwise silently keep the last value.
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(file + ": not valid " + (json ? "JSON" : "YAML") + ": "
          + e.getOriginalMessage() + location(e), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new InvalidPolicyException(file + ": policy file is empty");
    }
    if (!root.isObject()) {
      throw fail("(top level)", "expected a mapping of policy keys", root);
    }
    checkKeys(root, KEYS, "");
    AttestationPolicy policy = new AttestationPolicy();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      apply(policy, field.getKey(), field.getValue());
    }
    return policy;
  }

  private void apply(AttestationPolicy policy, String key, JsonNode value) throws InvalidPolicyException {
    switch (key) {
      case "allowedMeasurements":
        for (int i = 0; i < array(key, value).size(); i++) {
          String path = key + "[" + i + "]";
          String hex = text(path, value.get(i));
          guard(path, () -> policy.addAllowedMeasurement(hex));
        }
        break;
      case "allowedSigners":
        for (int i = 0; i < array(key, value).size(); i++) {
          policy.addAllowedSigner(signer(key + "[" + i + "]", value.get(i)));
        }
        break;
      case "debugAllowed":
        policy.setDebugAllowed(bool(key, value));
        break;
      case "allowSimulation":
        policy.setAllowSimulation(bool(key, value));
        break;
      case "simulationRoot":
        policy.setSimulationRoot(path(text(key, value)));
        break;
      case "maxAge":
        Duration maxAge = duration(key, value);
        guard(key, () -> policy.setMaxAge(maxAge));
        break;
      case "maxClockSkew":
        Duration skew = duration(key, value);
        guard(key, () -> policy.setMaxClockSkew(skew));
        break;
      case "expectedReportData":
        String hex = text(key, value);
        guard(key, () -> policy.setExpectedReportData(
            HexStrings.decode(key, hex, Evidence.REPORT_DATA_LENGTH)));
        break;
      case "acceptedTcbStatuses":
        java.util.List<io.sereca.attestation.TcbStatus> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < array(key, value).size(); i++) {
          String path = key + "[" + i + "]";
          String name = text(path, value.get(i));
          statuses.add(io.sereca.attestation.TcbStatus.fromName(name).orElseThrow(() -> new InvalidPolicyException(
              file + ": key '" + path + "': unknown TCB status '" + name + "' (known: "
                  + java.util.Arrays.toString(io.sereca.attestation.TcbStatus.values()) + ")")));
        }
        guard(key, () -> policy.setAcceptedTcbStatuses(statuses));
        break;
      default:
        throw new IllegalStateException("key checked above: " + key);
    }
  }

  private AllowedSigner signer(String path, JsonNode node) throws InvalidPolicyException {
    if (!node.isObject()) {
      throw fail(path, "expected a mapping with keys " + new TreeSet<>(SIGNER_KEYS), node);
    }
    checkKeys(node, SIGNER_KEYS, path + ".");
    for (String required : new TreeSet<>(SIGNER_KEYS)) {
      if (!node.has(required)) {
        // minSvn too: a missing minimum must not quietly admit every old, vulnerable version.
        throw new InvalidPolicyException(file + ": key '" + path + "." + required + "' is missing");
      }
    }
    String signerHex = text(path + ".signer", node.get("signer"));
    int productId = u16(path + ".productId", node.get("productId"));
    int minSvn = u16(path + ".minSvn", node.get("minSvn"));
    AllowedSigner[] result = new AllowedSigner[1];
    guard(path + ".signer", () -> result[0] = AllowedSigner.create(signerHex, productId, minSvn));
    return result[0];
  }

  private void checkKeys(JsonNode object, Set<String> known, String prefix) throws InvalidPolicyException {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        throw new InvalidPolicyException(file + ": unknown key '" + prefix + name
            + "' (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  private JsonNode array(String path, JsonNode node) throws InvalidPolicyException {
    if (!node.isArray()) {
      throw fail(path, "expected a list", node);
    }
    return node;
  }

  private String text(String path, JsonNode node) throws InvalidPolicyException {
    if (node.isNumber()) {
      // YAML reads unquoted all-digit hex as a number and drops leading zeros: refuse, and say why.
      throw fail(path, "expected a string (quote hex values in YAML, e.g. \"0123...\")", node);
    }
    if (!node.isTextual()) {
      throw fail(path, "expected a string", node);
    }
    return node.textValue();
  }

  private boolean bool(String path, JsonNode node) throws InvalidPolicyException {
    if (!node.isBoolean()) {
      throw fail(path, "expected true or false", node);
    }
    return node.booleanValue();
  }

  private int u16(String path, JsonNode node) throws InvalidPolicyException {
    if (!node.isIntegralNumber() || !node.canConvertToInt()
        || node.intValue() < 0 || node.intValue() > 0xFFFF) {
      throw fail(path, "expected an integer in 0..65535", node);
    }
    return node.intValue();
  }

  private Duration duration(String path, JsonNode node) throws InvalidPolicyException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Duration.ofSeconds(node.longValue());
    }
    if (node.isTextual()) {
      try {
        return Duration.parse(node.textValue());
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw fail(path, "expected an ISO-8601 duration such as PT5M, or a number of seconds", node);
  }

  private Path path(String value) {
    if (value.equals("~") || value.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(value.substring(Math.min(2, value.length())));
    }
    Path path = Path.of(value);
    Path dir = file.toAbsolutePath().getParent();
    return path.isAbsolute() || dir == null ? path : dir.resolve(path).normalize();
  }

  private void guard(String path, Runnable setter) throws InvalidPolicyException {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyException(file + ": key '" + path + "': " + e.getMessage(), e);
    }
  }

  private InvalidPolicyException fail(String path, String expectation, JsonNode value) {
    String shown = value.toString();
    if (shown.length() > 80) {
      shown = shown.substring(0, 80) + "…";
    }
    return new InvalidPolicyException(file + ": key '" + path + "': " + expectation + ", got " + shown);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
