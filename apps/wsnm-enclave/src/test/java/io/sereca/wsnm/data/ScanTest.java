package io.sereca.wsnm.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanTest {

  static Scan sample() {
    return Scan.create("CONZA", 42, 1_764_620_000L, 1_764_620_000_123L, 0x8001, 12_800, 21.5,
        List.of(Scan.FLAG_COUNTER_JUMP),
        List.of(Reading.create("RESERVOIR_LEVEL", 412.3, Scan.GOOD, 3), Reading.create("INFLOW", 2.0, Scan.SUSPECT, 0)));
  }

  @Test
  void roundTripsThroughItsJsonForm() {
    Scan s = sample();
    Scan back = Scan.fromJson(s.toJson());
    assertThat(back).isEqualTo(s);
    assertThat(back.key()).isEqualTo("CONZA/42");
    assertThat(back.reading("INFLOW").quality()).isEqualTo(Scan.SUSPECT);
    assertThat(back.reading("NOPE")).isNull();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void malformedScansAreRefusedNamingTheField() {
    String ok = new String(sample().toJson(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Scan.fromJson(utf8(ok.replace("\"scan\":42", "\"scan\":-1"))))
        .hasMessageContaining("not a uint32");
    assertThatThrownBy(() -> Scan.fromJson(utf8(ok.replace("\"dam\":\"CONZA\"", "\"dam\":\"CON ZA\""))))
        .hasMessageContaining("dam: 'CON ZA' has a character outside");
    assertThatThrownBy(() -> Scan.fromJson(utf8(ok.replace("[\"INFLOW\",2,1,0]", "[\"INFLOW\",2,9,0]"))))
        .hasMessageContaining("quality 9 is not 0..3");
    assertThatThrownBy(() -> Scan.fromJson(utf8(ok.replace("[\"INFLOW\",2,1,0]", "[\"INFLOW\",2]"))))
        .hasMessageContaining("readings[1] must be [channel, value, quality, age]");
    assertThatThrownBy(() -> Scan.fromJson(utf8(ok.replace("\"batteryMv\":12800,", ""))))
        .hasMessageContaining("missing field 'batteryMv'");
    assertThatThrownBy(() -> Scan.fromJson(utf8("not json"))).hasMessageStartingWith("scan: ");
  }
}
