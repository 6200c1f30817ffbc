package io.sereca.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SecureBusOptionsTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    SecureBusOptions o = new SecureBusOptions();
    assertThat(o.getSenderName()).isEqualTo(SecureBusOptions.DEFAULT_SENDER_NAME);
    assertThat(o.getMaxSkewMillis()).isEqualTo(30_000);
    assertThat(o.getReplayWindowSize()).isEqualTo(1024);
    assertThat(o.getUnprotectedAddressPolicy()).isEqualTo(UnprotectedAddressPolicy.PASS_THROUGH);
    assertThat(o.getMeterRegistry()).isNull();
    assertThat(o.getClock()).isNull();
  }

  @Test
  void jsonAndCopyRoundTripTheDataFields() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LongSupplier clock = () -> 7;
    SecureBusOptions o = new SecureBusOptions().setSenderName("dam-3").setMaxSkewMillis(5_000)
        .setReplayWindowSize(128).setMaxTrackedSenders(10).setRejectLogIntervalMillis(0)
        .setUnprotectedAddressPolicy(UnprotectedAddressPolicy.REFUSE).setMeterRegistry(registry).setClock(clock);
    assertThat(new SecureBusOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    SecureBusOptions copy = new SecureBusOptions(o);
    assertThat(copy.toJson()).isEqualTo(o.toJson());
    assertThat(copy.getMeterRegistry()).isSameAs(registry);
    assertThat(copy.getClock()).isSameAs(clock);
    assertThat(new SecureBusOptions(new JsonObject()).toJson()).isEqualTo(new SecureBusOptions().toJson());
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new SecureBusOptions().setReplayWindowSize(100)).hasMessageContaining("replayWindowSize");
    assertThatThrownBy(() -> new SecureBusOptions().setMaxSkewMillis(0)).hasMessageContaining("maxSkewMillis");
    assertThatThrownBy(() -> new SecureBusOptions(new JsonObject().put("unprotectedAddressPolicy", "ALLOW")))
        .hasMessageContaining("unprotectedAddressPolicy");
  }
}
