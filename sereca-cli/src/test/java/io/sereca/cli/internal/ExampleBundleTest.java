package io.sereca.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ExampleBundleTest {

  @Test
  void isTheSameBytesEveryTime() {
    assertThat(ExampleBundle.unsignedJar()).isEqualTo(ExampleBundle.unsignedJar());
  }

  @Test
  void holdsTheExampleConfigAndClassesOnly() throws Exception {
    List<String> names = new ArrayList<>();
    String config = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ExampleBundle.unsignedJar()))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        names.add(e.getName());
        if (e.getName().equals("META-INF/sereca/enclave.properties")) {
          config = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }

    assertThat(names).contains("io/sereca/examples/hello/HelloEnclave.class")
        .allMatch(n -> n.equals("META-INF/sereca/enclave.properties") || n.startsWith("io/sereca/examples/hello/"))
        .isSorted();
    assertThat(config).contains("app.class=io.sereca.examples.hello.HelloEnclave");
  }
}
