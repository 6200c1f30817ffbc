package io.sereca.enclave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionedSecretsTest {

  private static final byte[] PASSWORD = "hunter2-very-secret".getBytes(StandardCharsets.UTF_8);

  private static ProvisionedSecrets sample() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("db.password", PASSWORD.clone());
    m.put("api.key", new byte[] {1, 2, 3, (byte) 0xFF});
    return ProvisionedSecrets.of(m);
  }

  @Test
  void toStringNamesTheSecretsButNeverPrintsValues() {
    String s = sample().toString();
    assertThat(s).contains("db.password", "api.key");
    assertThat(s).doesNotContain("hunter2");
    assertThat(s).doesNotContainIgnoringCase(HexFormat.of().formatHex(PASSWORD));
    assertThat(s).doesNotContain(Base64.getEncoder().encodeToString(PASSWORD));
    assertThat(s).doesNotContain("[B@").doesNotContain("010203").doesNotContain("1, 2, 3");
  }

  @Test
  void emptyIsEmpty() {
    assertThat(ProvisionedSecrets.empty().isEmpty()).isTrue();
    assertThat(ProvisionedSecrets.empty().names()).isEmpty();
    assertThat(ProvisionedSecrets.empty().get("x")).isEmpty();
    assertThat(ProvisionedSecrets.of(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void valuesAreCopiedInAndOut() {
    byte[] v = PASSWORD.clone();
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("p", v);
    ProvisionedSecrets s = ProvisionedSecrets.of(m);
    v[0] = 'X';
    m.put("q", new byte[1]);
    s.get("p").orElseThrow()[1] = 'Y';
    assertThat(s.get("p")).hasValueSatisfying(b -> assertThat(b).isEqualTo(PASSWORD));
    assertThat(s.names()).containsExactly("p");
  }

  @Test
  void getStringDecodesUtf8AndNamesKeepOrderAndAreReadOnly() {
    ProvisionedSecrets s = sample();
    assertThat(s.getString("db.password")).contains("hunter2-very-secret");
    assertThat(s.getString("missing")).isEmpty();
    assertThat(s.names()).containsExactly("db.password", "api.key");
    assertThat(s.isEmpty()).isFalse();
    assertThatThrownBy(() -> s.names().remove("api.key"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
