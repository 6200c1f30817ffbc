package io.sereca.enclave.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  private static final long GRACE = 1_000;

  private static RouteKey key(int version, int fill) {
    byte[] material = new byte[32];
    Arrays.fill(material, (byte) fill);
    return RouteKey.create("k", version, material);
  }

  @Test
  void theNewestVersionIsUsedAndOlderOnesExpireAfterTheGracePeriod() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);
    ring.add(key(2, 2), 100);

    assertThat(ring.current("k", 100)).contains(key(2, 2));
    assertThat(ring.acceptable("k", 1, 100 + GRACE)).isPresent();
    assertThat(ring.acceptable("k", 1, 101 + GRACE)).isEmpty();
  }

  @Test
  void aStagedVersionIsAcceptedAtOnceButUsedForSendingOnlyFromItsActivation() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);
    ring.add(key(2, 2), 100, 5_000);

    assertThat(ring.acceptable("k", 2, 100)).as("receivers hold it before senders use it").isPresent();
    assertThat(ring.current("k", 4_999)).contains(key(1, 1));
    assertThat(ring.current("k", 5_000)).contains(key(2, 2));
    // The old version's grace period starts at the activation, not when the new one arrived.
    assertThat(ring.acceptable("k", 1, 5_000 + GRACE)).isPresent();
    assertThat(ring.acceptable("k", 1, 5_001 + GRACE)).isEmpty();
  }

  @Test
  void aVersionAlreadyAcceptedStillExpiresWhenANewerOneArrivesLater() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);
    // Looked up (and so remembered) before the rotation.
    assertThat(ring.acceptable("k", 1, 50)).contains(key(1, 1));
    ring.add(key(2, 2), 100);

    assertThat(ring.acceptable("k", 1, 100 + GRACE)).contains(key(1, 1));
    assertThat(ring.acceptable("k", 1, 101 + GRACE)).as("grace over").isEmpty();
    assertThat(ring.acceptable("k", 3, 100)).as("never added").isEmpty();
  }

  @Test
  void aRemovedNameIsNotAcceptedFromMemoryAndReAddedMaterialIsTheOneUsed() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);
    assertThat(ring.acceptable("k", 1, 10)).contains(key(1, 1));

    ring.remove("k");
    assertThat(ring.acceptable("k", 1, 20)).as("revoked").isEmpty();

    ring.add(key(1, 7), 30);
    assertThat(ring.acceptable("k", 1, 40)).contains(key(1, 7));
  }

  @Test
  void onlyStagedVersionsStillGiveAKeyToSendWith() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(3, 3), 0, 10_000);

    assertThat(ring.current("k", 0)).contains(key(3, 3));
  }

  @Test
  void otherMaterialForAnExistingVersionIsRefused() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);

    assertThatThrownBy(() -> ring.add(key(1, 9), 0)).hasMessageContaining("different material");
    assertThatThrownBy(() -> ring.checkAddable(key(1, 9))).hasMessageContaining("different material");
  }

  @Test
  void theCachedCurrentVersionFollowsAddsRemovalsAndReAdds() {
    KeyRing ring = new KeyRing(GRACE);
    ring.add(key(1, 1), 0);
    assertThat(ring.current("k", 10)).contains(key(1, 1));
    assertThat(ring.current("k", 10)).contains(key(1, 1));
    ring.add(key(2, 2), 20);
    assertThat(ring.current("k", 20)).contains(key(2, 2));
    // Staged: the cached version 2 stays the answer until version 3 activates.
    ring.add(key(3, 3), 30, 1_000);
    assertThat(ring.current("k", 999)).contains(key(2, 2));
    assertThat(ring.current("k", 1_000)).contains(key(3, 3));
    // An earlier clock than the cached version's activation does not get it.
    assertThat(ring.current("k", 500)).contains(key(2, 2));
    ring.remove("k");
    assertThat(ring.current("k", 2_000)).isEmpty();
    ring.add(key(1, 9), 2_000);
    assertThat(ring.current("k", 2_000)).contains(key(1, 9));
  }
}
