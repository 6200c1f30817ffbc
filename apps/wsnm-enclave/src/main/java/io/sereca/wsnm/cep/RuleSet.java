package io.sereca.wsnm.cep;

import io.sereca.wsnm.cep.internal.RuleBook;
import io.sereca.wsnm.cep.internal.RuleDef;
import io.sereca.wsnm.cep.internal.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated rule file (format: docs/wsnm-alarms.md). Immutable; share it freely.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.parse(yamlText, "/etc/wsnm/rules.yaml");   // throws RuleException
 * AlarmEngine engine = new AlarmEngine(rules, clock);
 * }</pre>
 */
public final class RuleSet {

  /** Where the default rule set lives in the enclave bundle (a measured class-path resource). */
  public static final String DEFAULT_RESOURCE = "default-rules.yaml";
  /** The {@link #source()} of the default set. */
  public static final String DEFAULT_SOURCE = "built-in default rules";

  private final RuleBook book;
  private final String source;

  private RuleSet(RuleBook book, String source) {
    this.book = book;
    this.source = source;
  }

  /**
   * Parses rule-file text.
   *
   * @param source where it came from, for status and messages (never its content)
   * @throws RuleException naming the line and field path of the first problem
   */
  public static RuleSet parse(String text, String source) throws RuleException {
    return new RuleSet(RuleParser.parse(text), source);
  }

  /**
   * The default rule set, read from the bundle's class path ({@value #DEFAULT_RESOURCE} beside
   * this class): inside an enclave it is part of the measured bundle.
   *
   * @throws IllegalStateException if the resource is missing or invalid (a build error)
   */
  public static RuleSet defaults() {
    try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default rule set " + DEFAULT_RESOURCE + " is not in the bundle");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_SOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default rule set: " + e.getMessage(), e);
    } catch (RuleException e) {
      throw new IllegalStateException("the default rule set is invalid: " + e.getMessage(), e);
    }
  }

  /** Where the rules came from. */
  public String source() {
    return source;
  }

  /** The ids of the enabled rules, in file order. */
  public List<String> ruleIds() {
    List<String> ids = new ArrayList<>();
    for (RuleDef r : book.rules) {
      ids.add(r.id);
    }
    return ids;
  }

  /** The dams of the parameter section. */
  public Set<String> dams() {
    return book.dams.keySet();
  }

  /** The parameters of {@code dam} (empty when it has none). */
  public Map<String, Double> parameters(String dam) {
    Map<String, Double> p = book.dams.get(dam);
    return p == null ? Map.of() : p;
  }

  /** The parsed content, for the engine. Not a stable API. */
  public RuleBook book() {
    return book;
  }

  @Override
  public String toString() {
    return "RuleSet[" + source + ", " + book.rules.size() + " rules, " + book.dams.size() + " dams]";
  }
}
