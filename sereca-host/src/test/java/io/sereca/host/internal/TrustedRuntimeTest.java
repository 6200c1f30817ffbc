package io.sereca.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the trusted runtime out of the host's jar, however large the jar is. */
class TrustedRuntimeTest {

  @TempDir Path dir;

  private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};

  @Test
  void aShadedJarWithMoreThanTheBoundOfOtherContentStillYieldsTheRuntimeAndOnlyIt() throws IOException {
    Path small = jar("small.jar", Map.of("io/sereca/enclave/A.class", CLASS.length), 0);
    // 65 MiB of other content (a shaded CLI jar with Hazelcast and friends): over the bound.
    Path shaded = jar("shaded.jar", Map.of("io/sereca/enclave/A.class", CLASS.length),
        TrustedRuntime.MAX_RUNTIME_BYTES + (1 << 20));

    TrustedRuntime fromShaded = TrustedRuntime.load(shaded);

    assertThat(fromShaded.digest()).isEqualTo(TrustedRuntime.load(small).digest());
    assertThat(fromShaded.jarBytes()).isEqualTo(TrustedRuntime.load(small).jarBytes());
  }

  @Test
  void runtimeClassesBeyondTheBoundAreRefusedNamingTheBound() throws IOException {
    Path huge = jar("huge.jar", Map.of("io/sereca/enclave/Huge.class", TrustedRuntime.MAX_RUNTIME_BYTES + 1), 0);

    assertThatThrownBy(() -> TrustedRuntime.load(huge)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trusted runtime classes exceed " + TrustedRuntime.MAX_RUNTIME_BYTES + " bytes");
  }

  @Test
  void aJarWithoutRuntimeClassesIsRefused() throws IOException {
    Path none = jar("none.jar", Map.of(), 1024);

    assertThatThrownBy(() -> TrustedRuntime.load(none)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no trusted runtime classes found");
  }

  /** A jar with the given runtime entries (sizes; the first bytes are CLASS) and other content. */
  private Path jar(String name, Map<String, Integer> runtimeEntries, long otherBytes) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Map.Entry<String, Integer> e : runtimeEntries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        byte[] content = new byte[e.getValue()];
        System.arraycopy(CLASS, 0, content, 0, Math.min(CLASS.length, content.length));
        zip.write(content);
        zip.closeEntry();
      }
      if (otherBytes > 0) {
        zip.putNextEntry(new ZipEntry("com/example/Big.bin"));
        byte[] chunk = new byte[1 << 20];
        for (long left = otherBytes; left > 0; left -= chunk.length) {
          zip.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        zip.closeEntry();
      }
    }
    return file;
  }
}
