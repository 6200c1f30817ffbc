package io.sereca.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyCodecTest {

  @Test
  void everySupportedTypeRoundTrips() {
    for (Object body : Arrays.asList(null, Buffer.buffer("b"), "s", new JsonObject().put("a", 1), new JsonArray().add(2))) {
      BodyCodec.Encoded e = BodyCodec.encode(body);
      assertThat(BodyCodec.decode(e.type(), e.bytes())).isEqualTo(body);
    }
    BodyCodec.Encoded e = BodyCodec.encode(new byte[] {1, 2});
    assertThat((byte[]) BodyCodec.decode(e.type(), e.bytes())).containsExactly(1, 2);
  }

  @Test
  void unknownTypesAndUnparseableBodiesAreRefused() {
    assertThatThrownBy(() -> BodyCodec.encode(3.14)).hasMessageContaining("java.lang.Double");
    assertThatThrownBy(() -> BodyCodec.decode("pickle", new byte[0])).hasMessageContaining("unknown body type");
    assertThatThrownBy(() -> BodyCodec.decode("json-object", "[1]".getBytes())).hasMessageContaining("json-object");
    assertThatThrownBy(() -> BodyCodec.decode("null", new byte[1])).isInstanceOf(IllegalArgumentException.class);
  }
}
