package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnclaveReplyTest {

  @Test
  void describesTextRepliesWithTheirHeadersSorted() {
    EnclaveReply reply = EnclaveReply.success(Map.of("b", "2", "a", "1"), "Grüße".getBytes(StandardCharsets.UTF_8));

    assertThat(reply.succeeded()).isTrue();
    assertThat(reply.describe()).isEqualTo("Grüße  {a=1, b=2}");
  }

  @Test
  void describesBinaryAndControlCharactersAsBase64() {
    assertThat(EnclaveReply.success(Map.of(), new byte[] {(byte) 0xff, 0}).describe())
        .isEqualTo("base64:/wA= (2 bytes)");
    assertThat(EnclaveReply.success(Map.of(), "a\u001b[2Jb".getBytes(StandardCharsets.UTF_8)).describe())
        .startsWith("base64:");
  }

  @Test
  void describesFailuresWithCodeAndMessage() {
    EnclaveReply failure = EnclaveReply.failure(412, "no key");

    assertThat(failure.succeeded()).isFalse();
    assertThat(failure.describe()).isEqualTo("FAILED 412: no key");
    assertThat(failure.body()).isEmpty();
  }
}
