package io.sereca.wsnm.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.wsnm.cep.RuleException;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  @Test
  void readsBlockMappingsSequencesFlowCollectionsQuotesAndComments() throws RuleException {
    YamlNode root = YamlReader.read(String.join("\n",
        "---",
        "# a comment",
        "name: plain text#not-a-comment # a comment",
        "quoted: \"a: b # c \\\"d\\\"\"",
        "single: 'it''s'",
        "list:",
        "- one",
        "- two  # trailing comment",
        "nested:",
        "  items:",
        "    - id: a",
        "      limit: {param: maxLevel, offset: -0.3}",
        "    - id: b",
        "      tags: [x, 'y z', [1, 2]]",
        "  empty: []",
        ""));
    assertThat(root.entries().get("name").text()).isEqualTo("plain text#not-a-comment");
    assertThat(root.entries().get("quoted").text()).isEqualTo("a: b # c \"d\"");
    assertThat(root.entries().get("quoted").quoted()).isTrue();
    assertThat(root.entries().get("single").text()).isEqualTo("it's");
    assertThat(root.entries().get("list").items()).extracting(YamlNode::text).containsExactly("one", "two");
    YamlNode items = root.entries().get("nested").entries().get("items");
    assertThat(items.items()).hasSize(2);
    YamlNode limit = items.items().get(0).entries().get("limit");
    assertThat(limit.entries().get("offset").text()).isEqualTo("-0.3");
    assertThat(limit.path()).isEqualTo("nested.items[0].limit");
    assertThat(limit.line()).isEqualTo(12);
    YamlNode tags = items.items().get(1).entries().get("tags");
    assertThat(tags.items().get(1).text()).isEqualTo("y z");
    assertThat(tags.items().get(2).items()).extracting(YamlNode::text).containsExactly("1", "2");
    assertThat(root.entries().get("nested").entries().get("empty").items()).isEmpty();
  }

  private static void rejects(String yaml, String message) {
    assertThatThrownBy(() -> YamlReader.read(yaml)).isInstanceOf(RuleException.class).hasMessage(message);
  }

  @Test
  void everyErrorNamesTheLineAndThePath() {
    rejects("a: 1\n\tb: 2\n", "line 2: tab in indentation (use spaces)");
    rejects("a: 1\nb: 2\na: 3\n", "line 3: a: duplicate key");
    rejects("a:\n  b: 1\n    c: 2\n", "line 3: a: unexpected indentation");
    rejects("a: \"open\n", "line 1: unterminated quoted string");
    rejects("a: &anchor 1\n", "line 1: a: '&' (anchors, aliases, tags, block scalars) is not supported; quote the value");
    rejects("a: |\n  text\n", "line 1: a: '|' (anchors, aliases, tags, block scalars) is not supported; quote the value");
    rejects("a:\nb: 1\n", "line 1: a: has no value");
    rejects("a: [1, 2\n", "line 1: a: expected ',' or ']' before the end of the line");
    rejects("a: {k: 1, k: 2}\n", "line 1: a.k: duplicate key");
    rejects("a: 1\n---\nb: 2\n", "line 2: only one YAML document is supported");
    rejects("rules:\n  - id: x\n    just text\n", "line 3: rules[0]: expected 'key: value', got 'just text'");
    rejects("a: b: c\n", "line 1: a: a mapping cannot start on the same line as its key; put it on the next lines or use {k: v}");
    rejects("# only a comment\n", "line 1: the document is empty");
    rejects("  a: 1\n", "line 1: the document must start at column 1");
  }

  @Test
  void refusesDocumentsNestedTooDeep() {
    StringBuilder b = new StringBuilder("a: ");
    for (int i = 0; i < 40; i++) {
      b.append('[');
    }
    assertThatThrownBy(() -> YamlReader.read(b.toString())).isInstanceOf(RuleException.class)
        .hasMessageContaining("nested deeper than");
  }
}
