package io.sereca.wsnm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsEveryKindOfValue() {
    Map<String, Object> m = Json.parseObject(
        " {\"s\":\"a\\\"b\\u00e9\\n\",\"i\":-42,\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2],{}]} ");
    assertThat(m.get("s")).isEqualTo("a\"b\u00e9\n");
    assertThat(m.get("i")).isEqualTo(-42L);
    assertThat(m.get("d")).isEqualTo(1500.0);
    assertThat(m.get("t")).isEqualTo(true);
    assertThat(m.get("f")).isEqualTo(false);
    assertThat(m).containsKey("n");
    assertThat(m.get("n")).isNull();
    assertThat(m.get("a")).isEqualTo(List.of(1L, List.of(2L), Map.of()));
  }

  @Test
  void writesCompactJsonThatReadsBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", 1.25);
    m.put("y", 3.0);
    m.put("s", "</script>\u2028");
    m.put("l", List.of(1L, "two"));
    String text = Json.write(m);
    assertThat(text).isEqualTo("{\"x\":1.25,\"y\":3,\"s\":\"\\u003c/script\\u003e\\u2028\",\"l\":[1,\"two\"]}");
    assertThat(Json.parseObject(text).get("s")).isEqualTo("</script>\u2028");
  }

  @Test
  void badInputIsRefusedNamingTheProblemAndOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageContaining("expected a string key at offset 7");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("trailing data");
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key \"a\"");
    assertThatThrownBy(() -> Json.parse("[1,2")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> Json.parse("\"tab\there\"")).hasMessageContaining("control character");
    assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("trailing data");
    assertThatThrownBy(() -> Json.parse("1e999")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Json.parse("NaN")).hasMessageContaining("unexpected character 'N'");
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nesting deeper");
    assertThatThrownBy(() -> Json.parseObject("[]")).hasMessageContaining("expected a JSON object, got an array");
    assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("cannot hold");
  }

  @Test
  void fieldsNameTheFieldThatIsWrong() {
    Fields f = Fields.of(Json.parseObject("{\"n\":\"x\",\"o\":{}}"), "query");
    assertThatThrownBy(() -> f.integer("n")).hasMessage("query: field 'n' must be an integer, got a string");
    assertThatThrownBy(() -> f.string("missing")).hasMessage("query: missing field 'missing'");
    assertThatThrownBy(() -> f.object("o").number("z")).hasMessage("query.o: missing field 'z'");
    assertThat(f.integer("absent", 7)).isEqualTo(7);
  }

  @Property(tries = 2000)
  void stringsAndNumbersRoundTrip(@ForAll String s, @ForAll long l, @ForAll double d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", s);
    m.put("l", l);
    if (Double.isFinite(d)) {
      m.put("d", d);
    }
    Map<String, Object> back = Json.parseObject(Json.write(m));
    assertThat(back.get("s")).isEqualTo(s);
    assertThat(((Number) back.get("l")).longValue()).isEqualTo(l);
    if (Double.isFinite(d)) {
      assertThat(((Number) back.get("d")).doubleValue()).isEqualTo(d);
    }
  }

  @Property(tries = 3000)
  void arbitraryTextNeverEscapesAsAnythingButJsonException(@ForAll String text) {
    try {
      Json.parse(text);
    } catch (JsonException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
