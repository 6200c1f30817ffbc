package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.host.EnclaveBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeeperBundleTest {

  @TempDir
  Path dir;

  @Test
  void theBundleHoldsTheCoreAndOnlyTheTinkClassesItReaches() throws Exception {
    Map<String, byte[]> entries = KeeperBundle.entries();
    assertThat(entries).containsKey("io/sereca/keeper/internal/core/KeeperCoreApp.class")
        .containsKey("com/google/crypto/tink/subtle/AesSiv.class");
    assertThat(entries.keySet()).allMatch(n -> n.startsWith("io/sereca/keeper/internal/core/")
        || n.startsWith("com/google/crypto/tink/") || n.startsWith("META-INF/sereca/"));
    assertThat(entries.keySet()).noneMatch(n -> n.startsWith("com/google/protobuf/"));
    assertThat(entries.size()).isLessThan(200);
  }

  @Test
  void theSignerKeyIsCreatedOnceSoTheMeasurementAndSignerStayTheSame() throws Exception {
    EnclaveBundle first = KeeperBundle.signed(dir);
    EnclaveBundle second = KeeperBundle.signed(dir);
    assertThat(Files.exists(dir.resolve(KeeperBundle.SIGNER_KEY))).isTrue();
    assertThat(second.signerId()).isEqualTo(first.signerId());
    assertThat(second.measurement()).isEqualTo(first.measurement());
    assertThat(first.config().productId()).isEqualTo(KeeperBundle.PRODUCT_ID);
  }
}
