package io.sereca.keeper.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CryptoBatchTest {

  @Test
  void batchesRoundTrip() {
    CryptoBatch.Builder b = CryptoBatch.builder();
    b.add(CryptoBatch.ENCRYPT_PATH, new byte[] {'/', 'a'});
    b.add(CryptoBatch.SEAL, new byte[] {'/', 'a'}, new byte[] {1, 2, 3});
    CryptoBatch batch = CryptoBatch.decode(b.encode());
    assertThat(batch.operations()).hasSize(2);
    assertThat(batch.operations().get(1).kind()).isEqualTo(CryptoBatch.SEAL);
    assertThat(batch.operations().get(1).fields()[1]).containsExactly(1, 2, 3);
    CryptoBatch.Results r = CryptoBatch.decodeResults(
        CryptoBatch.encodeResults(new byte[] {CryptoBatch.OK, CryptoBatch.FAILED}, new byte[][] {{9}, {}}), 2);
    assertThat(r.ok(0)).isTrue();
    assertThat(r.ok(1)).isFalse();
    assertThat(r.value(0)).containsExactly(9);
  }

  @Test
  void badBatchesAreRefusedNamingTheProblem() {
    byte[] good = CryptoBatch.builder().encode();
    assertThatThrownBy(() -> CryptoBatch.decode(new byte[] {'X', 1, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
    CryptoBatch.Builder b = CryptoBatch.builder();
    b.add(CryptoBatch.OPEN, new byte[] {'/'}, new byte[10]);
    byte[] full = b.encode();
    assertThatThrownBy(() -> CryptoBatch.decode(Arrays.copyOf(full, full.length - 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    byte[] unknown = full.clone();
    unknown[6] = 42;
    assertThatThrownBy(() -> CryptoBatch.decode(unknown))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown operation kind 42");
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> CryptoBatch.decode(trailing))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
    assertThatThrownBy(() -> CryptoBatch.decodeResults(CryptoBatch.encodeResults(new byte[0], new byte[0][]), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 results for 1");
  }
}
