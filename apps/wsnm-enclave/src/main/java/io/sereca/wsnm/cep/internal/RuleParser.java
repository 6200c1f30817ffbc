package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.Priority;
import io.sereca.wsnm.cep.RuleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a rule file into a {@link RuleBook}. The format is documented in docs/wsnm-alarms.md;
 * every error names the line and the field path, unknown keys included.
 */
public final class RuleParser {

  /** Most rules one file may hold. */
  public static final int MAX_RULES = 500;
  /** Most dams one file may describe. */
  public static final int MAX_DAMS = 256;

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_:-]{1,64}");
  private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private RuleParser() {}

  /** Parses rule-file text. */
  public static RuleBook parse(String text) throws RuleException {
    YamlNode root = YamlReader.read(text);
    RuleFields top = RuleFields.of(root);
    YamlNode version = top.optional("version");
    if (version != null && !"1".equals(RuleFields.scalar(version))) {
      throw RuleFields.error(version, "'" + version.text() + "' is not a supported version (1)");
    }
    Map<String, Map<String, Double>> dams = dams(top.optional("dams"));
    YamlNode rulesNode = top.required("rules");
    top.done();
    if (rulesNode.kind() != YamlNode.Kind.LIST) {
      throw RuleFields.error(rulesNode, "must be a sequence of rules, got " + rulesNode.describe());
    }
    if (rulesNode.items().size() > MAX_RULES) {
      throw RuleFields.error(rulesNode, "more than " + MAX_RULES + " rules");
    }
    List<RuleDef> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlNode r : rulesNode.items()) {
      RuleDef def = rule(r, dams);
      if (def == null) {
        continue;
      }
      if (!ids.add(def.id)) {
        throw new RuleException(r.line(), r.path() + ".id", "duplicate rule id '" + def.id + "'");
      }
      rules.add(def);
    }
    return new RuleBook(dams, rules);
  }

  private static Map<String, Map<String, Double>> dams(YamlNode node) throws RuleException {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (node == null) {
      return Collections.unmodifiableMap(out);
    }
    if (node.kind() != YamlNode.Kind.MAP) {
      throw RuleFields.error(node, "must be a mapping of dam id to parameters, got " + node.describe());
    }
    if (node.entries().size() > MAX_DAMS) {
      throw RuleFields.error(node, "more than " + MAX_DAMS + " dams");
    }
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw RuleFields.error(e.getValue(), "'" + e.getKey() + "' is not a dam id ([A-Za-z0-9_:-], 1..64)");
      }
      YamlNode p = e.getValue();
      if (p.kind() != YamlNode.Kind.MAP) {
        throw RuleFields.error(p, "must be a mapping of parameter to number, got " + p.describe());
      }
      Map<String, Double> params = new LinkedHashMap<>();
      for (Map.Entry<String, YamlNode> q : p.entries().entrySet()) {
        if (!RuleFields.PARAM.matcher(q.getKey()).matches()) {
          throw RuleFields.error(q.getValue(), "'" + q.getKey() + "' is not a parameter name");
        }
        params.put(q.getKey(), RuleFields.number(q.getValue()));
      }
      out.put(e.getKey(), Collections.unmodifiableMap(params));
    }
    return Collections.unmodifiableMap(out);
  }

  private static RuleDef rule(YamlNode node, Map<String, Map<String, Double>> dams) throws RuleException {
    RuleFields f = RuleFields.of(node);
    String id = f.string("id");
    if (!RULE_ID.matcher(id).matches()) {
      throw RuleFields.error(f.required("id"), "'" + id + "' is not a rule id (lower case, digits and '-', 1..64)");
    }
    String type = f.choice("type", null, "threshold", "rate", "aggregate", "correlation", "sequence",
        "absence", "flatline", "stale", "integrity");
    YamlNode priorityNode = f.required("priority");
    Priority priority;
    try {
      priority = Priority.valueOf(RuleFields.scalar(priorityNode).toUpperCase(Locale.ROOT));
      if (!priority.wireName().equals(priorityNode.text())) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw RuleFields.error(priorityNode, "'" + priorityNode.text() + "' is not one of critical, high, medium, low");
    }
    String message = f.string("message");
    if (message.isEmpty() || message.length() > 200) {
      throw RuleFields.error(f.required("message"), "must be 1..200 characters");
    }
    List<String> only = f.strings("dams");
    Set<String> damSet = null;
    if (only != null) {
      damSet = new LinkedHashSet<>();
      for (int i = 0; i < only.size(); i++) {
        if (!NAME.matcher(only.get(i)).matches()) {
          throw new RuleException(node.line(), node.path() + ".dams[" + i + "]", "'" + only.get(i) + "' is not a dam id");
        }
        damSet.add(only.get(i));
      }
    }
    boolean enabled = f.bool("enabled", true);
    List<String> params = new ArrayList<>();
    RuleDef.Factory factory;
    switch (type) {
      case "threshold": factory = ValueRules.threshold(f, params); break;
      case "rate": factory = ValueRules.rate(f, params); break;
      case "aggregate": factory = ValueRules.aggregate(f, params); break;
      case "correlation": factory = PatternRules.correlation(f, params); break;
      case "sequence": factory = PatternRules.sequence(f, params); break;
      case "absence": factory = HealthRules.absence(f); break;
      case "flatline": factory = HealthRules.flatline(f); break;
      case "stale": factory = HealthRules.stale(f); break;
      default: factory = IntegrityRule.parse(f); break;
    }
    f.done();
    for (String param : params) {
      if (dams.isEmpty()) {
        throw new RuleException(node.line(), node.path(), "uses dam parameter '" + param + "' but the file has no dams section");
      }
      Set<String> concerned = damSet != null ? damSet : dams.keySet();
      for (String dam : concerned) {
        Map<String, Double> p = dams.get(dam);
        if (p == null || !p.containsKey(param)) {
          throw new RuleException(node.line(), node.path(), "dam " + dam + " has no parameter '" + param + "'");
        }
      }
    }
    if (!enabled) {
      return null;
    }
    return new RuleDef(id, type, priority, message, damSet == null ? null : Collections.unmodifiableSet(damSet),
        params, factory, node.line());
  }
}
