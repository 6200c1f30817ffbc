package io.sereca.wsnm.cep.internal;

import io.sereca.wsnm.cep.Priority;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One parsed rule: what every type shares, and the factory of its per-dam detectors. */
public final class RuleDef {

  /** Makes the detector of one dam from the dam's parameters. */
  @FunctionalInterface
  public interface Factory {
    /** The detector, or null when a limit cannot be resolved for the dam. */
    Detector create(Map<String, Double> params);
  }

  /** Rule id, unique in the file. */
  public final String id;
  /** Rule type as written. */
  public final String type;
  /** Priority of its alarms. */
  public final Priority priority;
  /** Message template ({dam}, {value}, {limit}, {channel}, {detail}). */
  public final String message;
  /** Dams it applies to; null for every dam. */
  public final Set<String> dams;
  /** Dam parameters its limits use. */
  public final List<String> params;
  /** Whether the rule needs dam parameters (then it applies only to dams in the dams section). */
  public final Factory factory;
  /** 1-based line of the rule in its file. */
  public final int line;

  /** A rule. */
  public RuleDef(String id, String type, Priority priority, String message, Set<String> dams,
      List<String> params, Factory factory, int line) {
    this.id = id;
    this.type = type;
    this.priority = priority;
    this.message = message;
    this.dams = dams;
    this.params = List.copyOf(params);
    this.factory = factory;
    this.line = line;
  }
}
