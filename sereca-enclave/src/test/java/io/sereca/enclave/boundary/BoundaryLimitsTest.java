package io.sereca.enclave.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundaryLimitsTest {

  @Test
  void defaultsAre16MiB() {
    assertThat(BoundaryLimits.defaults().maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
  }

  @Test
  void customFrameSizeMustBeBetween64KiBAnd1GiB() {
    assertThat(BoundaryLimits.withMaxFrameBytes(64 * 1024).maxFrameBytes()).isEqualTo(65536);
    assertThat(BoundaryLimits.withMaxFrameBytes(1 << 30).maxFrameBytes()).isEqualTo(1 << 30);
    for (int bad : new int[] {64 * 1024 - 1, 0, -1, (1 << 30) + 1, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> BoundaryLimits.withMaxFrameBytes(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("64 KiB..1 GiB");
    }
  }

  @Test
  void checkFrameAcceptsUpToTheLimitAndRejectsNegativeOrLarger() {
    BoundaryLimits limits = BoundaryLimits.withMaxFrameBytes(65536);
    assertThatCode(() -> limits.checkFrame(0)).doesNotThrowAnyException();
    assertThatCode(() -> limits.checkFrame(65536)).doesNotThrowAnyException();
    assertThatThrownBy(() -> limits.checkFrame(65537)).isInstanceOf(BoundaryException.class);
    assertThatThrownBy(() -> limits.checkFrame(-1)).isInstanceOf(BoundaryException.class);
    assertThatThrownBy(() -> limits.checkFrame(Long.MAX_VALUE)).isInstanceOf(BoundaryException.class);
  }

  @Test
  void frameWriterAndReaderAgreeOnIntegerEncodings() {
    byte[] frame = new FrameWriter(1).u8(0xFF).u16(0xFFFF).i32(-2).i64(Long.MIN_VALUE + 1)
        .toByteArray();
    assertThat(frame).hasSize(1 + 2 + 4 + 8);
    FrameReader r = new FrameReader(frame, BoundaryLimits.defaults());
    assertThat(r.u8("a")).isEqualTo(255);
    assertThat(r.u16("b")).isEqualTo(65535);
    assertThat(r.i32("c")).isEqualTo(-2);
    assertThat(r.i64("d")).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(r.remaining()).isZero();
    r.end("test");
  }

  @Test
  void frameWriterIsBigEndian() {
    assertThat(new FrameWriter(4).u16(0x0102).i32(0x03040506).toByteArray())
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void frameWriterRefusesStringsOver65535Bytes() {
    assertThatThrownBy(() -> new FrameWriter(8).string("x".repeat(65536)))
        .isInstanceOf(BoundaryException.class);
  }
}
