package io.sereca.cas;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sereca.cas.Manifest.Identity;
import io.sereca.cas.Manifest.Policy;
import io.sereca.cas.Manifest.Role;
import io.sereca.cas.Manifest.Route;
import io.sereca.cas.Manifest.Secret;
import io.sereca.cas.Manifest.SecretType;
import io.sereca.cas.Manifest.Service;
import io.sereca.cas.Manifest.User;
import io.sereca.enclave.bus.RouteTable;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and validates a manifest document, naming the path of the first field that is wrong. */
final class ManifestReader {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");
  private static final int DEFAULT_MAX_INSTANCES = 16;
  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().build().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private ManifestReader() {}

  static Manifest read(byte[] bytes) throws ManifestException {
    if (bytes == null || bytes.length == 0) {
      throw new ManifestException("", "the manifest is empty");
    }
    if (bytes.length > Manifest.MAX_BYTES) {
      throw new ManifestException("", "the manifest has " + bytes.length + " bytes, more than the limit of " + Manifest.MAX_BYTES);
    }
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ManifestException("", "not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ManifestException("", "cannot read the manifest: " + e.getMessage());
    }
    ManifestNode doc = new ManifestNode("", root);
    doc.only("name", "services", "secrets", "routes", "users", "updateThreshold", "policy", "recoveryKey");
    String name = doc.name("name");
    Map<String, Secret> secrets = secrets(doc.object("secrets", false));
    Map<String, Service> services = new LinkedHashMap<>();
    for (ManifestNode s : doc.object("services", true).entries()) {
      services.put(s.key(), service(s, secrets));
    }
    if (services.isEmpty()) {
      throw new ManifestException("services", "at least one service is required");
    }
    List<Route> routes = new ArrayList<>();
    for (ManifestNode r : doc.array("routes")) {
      routes.add(route(r, services, secrets));
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (ManifestNode u : doc.object("users", true).entries()) {
      users.put(u.key(), user(u));
    }
    long updaters = users.values().stream().filter(u -> u.roles().contains(Role.UPDATE)).count();
    if (updaters == 0) {
      throw new ManifestException("users", "at least one user needs the 'update' role, or the manifest could never change");
    }
    int threshold = doc.integer("updateThreshold", 1, 1, (int) updaters);
    ManifestNode p = doc.object("policy", false);
    p.only("allowSimulation", "acceptedTcbStatuses");
    Set<String> tcb = new LinkedHashSet<>();
    List<ManifestNode> statuses = p.array("acceptedTcbStatuses");
    for (ManifestNode n : statuses) {
      String status = n.scalar();
      tcb.add(io.sereca.attestation.TcbStatus.fromName(status).orElseThrow(() -> new ManifestException(n.path(),
          "unknown TCB status '" + status + "' (UpToDate, SWHardeningNeeded, ConfigurationNeeded, "
              + "ConfigurationAndSWHardeningNeeded, OutOfDate, OutOfDateConfigurationNeeded, Revoked)")).name());
    }
    if (tcb.isEmpty()) {
      tcb.add(io.sereca.attestation.TcbStatus.UP_TO_DATE.name());
    }
    Policy policy = new Policy(p.bool("allowSimulation", false), tcb);
    byte[] recovery = null;
    if (doc.has("recoveryKey")) {
      recovery = doc.base64("recoveryKey");
      if (recovery.length != 32) {
        throw new ManifestException("recoveryKey", "must be a raw X25519 public key (32 bytes, base64)");
      }
    }
    return new Manifest(bytes, name, services, secrets, routes, users, threshold, policy, recovery);
  }

  private static Map<String, Secret> secrets(ManifestNode node) throws ManifestException {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (ManifestNode s : node.entries()) {
      s.only("type", "size", "rotateEvery", "subject", "ca", "dns", "ips", "validity");
      String typeText = s.text("type", true).toLowerCase(Locale.ROOT);
      SecretType type = switch (typeText) {
        case "symmetric" -> SecretType.SYMMETRIC;
        case "x25519" -> SecretType.X25519;
        case "ecdsa-p256" -> SecretType.ECDSA_P256;
        case "user" -> SecretType.USER;
        case "ca" -> SecretType.CA;
        case "certificate" -> SecretType.CERTIFICATE;
        default -> throw new ManifestException(s.path("type"),
            "unknown secret type '" + typeText + "' (symmetric, x25519, ecdsa-p256, user, ca, certificate)");
      };
      int size = 0;
      if (type == SecretType.SYMMETRIC) {
        size = s.integer("size", 256, 128, 256);
        if (size % 64 != 0) {
          throw new ManifestException(s.path("size"), "must be 128, 192 or 256 bits");
        }
      } else if (s.has("size")) {
        throw new ManifestException(s.path("size"), "only symmetric secrets have a size");
      }
      Optional<Duration> rotate = Optional.empty();
      if (s.has("rotateEvery")) {
        if (type == SecretType.USER) {
          throw new ManifestException(s.path("rotateEvery"), "user-provided secrets are not rotated by the CAS");
        }
        rotate = Optional.of(duration(s.path("rotateEvery"), s.text("rotateEvery", true)));
      }
      Optional<Manifest.CertificateSpec> cert = Optional.empty();
      if (type == SecretType.CA || type == SecretType.CERTIFICATE) {
        cert = Optional.of(certificate(s, type));
      } else {
        for (String f : List.of("subject", "ca", "dns", "ips", "validity")) {
          if (s.has(f)) {
            throw new ManifestException(s.path(f), "only ca and certificate secrets have '" + f + "'");
          }
        }
      }
      secrets.put(checkName(s), new Secret(s.key(), type, size, rotate, cert));
    }
    for (Secret sec : secrets.values()) {
      String ca = sec.certificate().map(Manifest.CertificateSpec::ca).orElse(null);
      if (ca != null && (!secrets.containsKey(ca) || secrets.get(ca).type() != SecretType.CA)) {
        throw new ManifestException("secrets." + sec.name() + ".ca", "'" + ca + "' is not a ca secret of this manifest");
      }
    }
    return secrets;
  }

  private static Manifest.CertificateSpec certificate(ManifestNode s, SecretType type) throws ManifestException {
    String subject = s.text("subject", true);
    if (!subject.matches("(?i)\\s*(CN|O|OU|C)=[^,=]{1,64}(\\s*,\\s*(CN|O|OU|C)=[^,=]{1,64})*\\s*")) {
      throw new ManifestException(s.path("subject"), "must be like CN=name,O=org (attributes CN, O, OU, C)");
    }
    String ca = null;
    if (type == SecretType.CERTIFICATE) {
      ca = s.text("ca", true);
    } else if (s.has("ca")) {
      throw new ManifestException(s.path("ca"), "a ca is self-signed");
    }
    List<String> dns = s.strings("dns");
    for (int i = 0; i < dns.size(); i++) {
      if (!dns.get(i).matches("[A-Za-z0-9*]([A-Za-z0-9.-]{0,252})")) {
        throw new ManifestException(s.path("dns") + "[" + i + "]", "not a DNS name");
      }
    }
    List<String> ips = s.strings("ips");
    for (int i = 0; i < ips.size(); i++) {
      if (!ips.get(i).matches("(\\d{1,3}\\.){3}\\d{1,3}|[0-9a-fA-F:]{2,39}")) {
        throw new ManifestException(s.path("ips") + "[" + i + "]", "not an IP address literal");
      }
    }
    Duration validity = s.has("validity") ? duration(s.path("validity"), s.text("validity", true))
        : (type == SecretType.CA ? Duration.ofDays(3650) : Duration.ofDays(90));
    return new Manifest.CertificateSpec(subject.trim(), ca, dns, ips, validity);
  }

  private static Service service(ManifestNode s, Map<String, Secret> secrets) throws ManifestException {
    s.only("identities", "debugAllowed", "maxInstances", "backends", "env", "args", "files", "secrets");
    checkName(s);
    List<Identity> identities = new ArrayList<>();
    for (ManifestNode i : s.array("identities")) {
      identities.add(identity(i));
    }
    if (identities.isEmpty()) {
      throw new ManifestException(s.path("identities"), "at least one accepted identity is required");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (ManifestNode e : s.object("env", false).entries()) {
      if (!ENV_NAME.matcher(e.key()).matches()) {
        throw new ManifestException(e.path(), "not a valid environment variable name");
      }
      env.put(e.key(), template(e.path(), e.scalar(), secrets));
    }
    List<String> args = new ArrayList<>();
    List<ManifestNode> argNodes = s.array("args");
    for (ManifestNode a : argNodes) {
      args.add(template(a.path(), a.scalar(), secrets));
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (ManifestNode f : s.object("files", false).entries()) {
      if (!f.key().startsWith("/") || f.key().contains("/../") || f.key().endsWith("/..")
          || f.key().endsWith("/") || f.key().length() > 1024) {
        throw new ManifestException(f.path(), "a file path must be absolute, without '..', and name a file");
      }
      files.put(f.key(), template(f.path(), f.scalar(), secrets));
    }
    List<String> delivered = new ArrayList<>();
    for (ManifestNode d : s.array("secrets")) {
      String ref = d.scalar();
      if (!secrets.containsKey(ref)) {
        throw new ManifestException(d.path(), "unknown secret '" + ref + "'");
      }
      delivered.add(ref);
    }
    Set<String> backends = new LinkedHashSet<>(s.strings("backends"));
    return new Service(s.key(), identities, s.bool("debugAllowed", false),
        s.integer("maxInstances", DEFAULT_MAX_INSTANCES, 1, 100_000), backends, env, args, files, delivered);
  }

  private static Identity identity(ManifestNode i) throws ManifestException {
    i.only("measurement", "signer", "productId", "minSvn");
    if (i.has("measurement")) {
      if (i.has("signer") || i.has("productId") || i.has("minSvn")) {
        throw new ManifestException(i.path(), "an identity is either a measurement or a signer with productId and minSvn, not both");
      }
      return new Identity(hex(i.path("measurement"), i.text("measurement", true), 32, 48), null, 0, 0);
    }
    if (!i.has("signer")) {
      throw new ManifestException(i.path(), "an identity needs 'measurement' or 'signer'");
    }
    return new Identity(null, hex(i.path("signer"), i.text("signer", true), 32, 32),
        i.integer("productId", 0, 0, 65535), i.integer("minSvn", 0, 0, 65535));
  }

  private static Route route(ManifestNode r, Map<String, Service> services, Map<String, Secret> secrets)
      throws ManifestException {
    r.only("address", "key", "senders", "receivers");
    String address = r.text("address", true);
    String key = r.text("key", true);
    Secret secret = secrets.get(key);
    if (secret == null) {
      throw new ManifestException(r.path("key"), "unknown secret '" + key + "'");
    }
    if (secret.type() != SecretType.SYMMETRIC || secret.sizeBits() != 256) {
      throw new ManifestException(r.path("key"), "a route key must be a 256-bit symmetric secret");
    }
    try {
      RouteTable.of(Map.of(address, key));
    } catch (IllegalArgumentException e) {
      throw new ManifestException(r.path("address"), e.getMessage());
    }
    Set<String> senders = serviceSet(r, "senders", services);
    Set<String> receivers = serviceSet(r, "receivers", services);
    if (senders.isEmpty() && receivers.isEmpty()) {
      throw new ManifestException(r.path(), "a route needs senders or receivers");
    }
    return new Route(address, key, senders, receivers);
  }

  private static Set<String> serviceSet(ManifestNode r, String field, Map<String, Service> services)
      throws ManifestException {
    Set<String> out = new LinkedHashSet<>();
    for (ManifestNode n : r.array(field)) {
      String s = n.scalar();
      if (!services.containsKey(s)) {
        throw new ManifestException(n.path(), "unknown service '" + s + "'");
      }
      out.add(s);
    }
    return out;
  }

  private static User user(ManifestNode u) throws ManifestException {
    u.only("publicKey", "roles");
    checkName(u);
    byte[] der = u.base64("publicKey");
    PublicKey key;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ManifestException(u.path("publicKey"), "not an Ed25519 public key (base64 X.509 SubjectPublicKeyInfo)");
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (ManifestNode r : u.array("roles")) {
      String text = r.scalar().toUpperCase(Locale.ROOT);
      try {
        roles.add(Role.valueOf(text));
      } catch (IllegalArgumentException e) {
        throw new ManifestException(r.path(), "unknown role '" + r.scalar() + "' (update, secrets, audit)");
      }
    }
    return new User(u.key(), key, roles);
  }

  private static String template(String path, String text, Map<String, Secret> secrets)
      throws ManifestException {
    Matcher m = Manifest.SECRET_REFERENCE.matcher(text);
    while (m.find()) {
      Secret s = secrets.get(m.group(1));
      if (s == null) {
        throw new ManifestException(path, "refers to unknown secret '" + m.group(1) + "'");
      }
      if (m.group(2) != null && (s.type() == SecretType.SYMMETRIC || s.type() == SecretType.USER)) {
        throw new ManifestException(path, "'" + m.group(1) + "' is not a key pair: it has no public part");
      }
    }
    return text;
  }

  static Duration duration(String path, String text) throws ManifestException {
    Matcher m = SHORT_DURATION.matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new ManifestException(path, "not a duration: '" + text + "' (e.g. 90s, 10m, 24h, 7d or PT24H)");
      }
    }
    if (d.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ManifestException(path, "must be at least 10 seconds");
    }
    return d;
  }

  private static String hex(String path, String text, int minBytes, int maxBytes) throws ManifestException {
    String lower = text.toLowerCase(Locale.ROOT);
    int bytes = lower.length() / 2;
    if (!HEX.matcher(lower).matches() || lower.length() % 2 != 0 || (bytes != minBytes && bytes != maxBytes)) {
      throw new ManifestException(path, "must be " + (minBytes == maxBytes ? minBytes * 2 : minBytes * 2 + " or " + maxBytes * 2)
          + " hex characters");
    }
    return lower;
  }

  private static String checkName(ManifestNode n) throws ManifestException {
    if (!NAME.matcher(n.key()).matches()) {
      throw new ManifestException(n.path(), "names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return n.key();
  }
}
