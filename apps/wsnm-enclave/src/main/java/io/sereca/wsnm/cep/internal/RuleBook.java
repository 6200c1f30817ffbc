package io.sereca.wsnm.cep.internal;

import java.util.List;
import java.util.Map;

/** The content of a parsed rule file: dam parameters and rules, in file order. Immutable. */
public final class RuleBook {

  /** Dam id → parameter name → value. */
  public final Map<String, Map<String, Double>> dams;
  /** The rules that are enabled. */
  public final List<RuleDef> rules;

  RuleBook(Map<String, Map<String, Double>> dams, List<RuleDef> rules) {
    this.dams = dams;
    this.rules = List.copyOf(rules);
  }

  /** The rule with {@code id}, or null. */
  public RuleDef rule(String id) {
    for (RuleDef r : rules) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** Whether {@code rule} applies to {@code dam}. */
  public boolean applies(RuleDef rule, String dam) {
    if (rule.dams != null && !rule.dams.contains(dam)) {
      return false;
    }
    return rule.params.isEmpty() || dams.containsKey(dam);
  }
}
