package io.sereca.keeper.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PathCipherTest {

  private static PathCipher cipher() throws GeneralSecurityException {
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    return new PathCipher(key);
  }

  @Test
  void pathsRoundTripDeterministicallyAsValidZnodeNames() throws Exception {
    PathCipher c = cipher();
    String enc = c.encryptPath("/app/config/db");
    assertThat(enc).isEqualTo(c.encryptPath("/app/config/db"));
    assertThat(enc.split("/")).hasSize(4).allMatch(s -> s.matches("[A-Za-z0-9_-]*"));
    assertThat(enc).doesNotContain("app").doesNotContain("config");
    assertThat(c.decryptPath(enc)).isEqualTo("/app/config/db");
    // Hierarchy is kept: the parent's ciphertext is a prefix of the child's.
    assertThat(enc).startsWith(c.encryptPath("/app/config") + "/");
  }

  @Test
  void theSameNameUnderAnotherParentEncryptsDifferentlyAndCannotBeMoved() throws Exception {
    PathCipher c = cipher();
    String underA = c.encryptName("/a", "x");
    String underB = c.encryptName("/b", "x");
    assertThat(underA).isNotEqualTo(underB);
    assertThatThrownBy(() -> c.decryptName("/b", underA)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theRootAndTheSystemTreeStayPlaintext() throws Exception {
    PathCipher c = cipher();
    assertThat(c.encryptPath("/")).isEqualTo("/");
    assertThat(c.encryptPath("/zookeeper/quota")).isEqualTo("/zookeeper/quota");
    assertThat(c.encryptPath("/zookeeperx")).isNotEqualTo("/zookeeperx");
    assertThat(c.decryptName("/", "zookeeper")).isEqualTo("zookeeper");
  }

  @Test
  void aSequentialCreateMatchesTheLookupOfTheFullName() throws Exception {
    PathCipher c = cipher();
    String created = c.encryptPath("/locks/lock-", true) + "0000000042";
    assertThat(c.encryptPath("/locks/lock-0000000042")).isEqualTo(created);
    assertThat(c.decryptPath(created)).isEqualTo("/locks/lock-0000000042");
    // A prefix ending in digits, and an empty prefix.
    String digits = c.encryptPath("/n/x0000000001", true) + "0000000007";
    assertThat(c.encryptPath("/n/x00000000010000000007")).isEqualTo(digits);
    assertThat(c.decryptPath(digits)).isEqualTo("/n/x00000000010000000007");
    String empty = c.encryptPath("/n/", true) + "0000000003";
    assertThat(c.decryptPath(empty)).isEqualTo("/n/0000000003");
    // The counter form and the whole-name form are not interchangeable.
    String whole = c.encryptName("/n", "abc");
    assertThat(c.encryptPath("/n/abc", true)).isNotEqualTo("/n/" + whole);
  }

  @Test
  void foreignOrTamperedNamesAreRefused() throws Exception {
    PathCipher c = cipher();
    assertThatThrownBy(() -> c.decryptName("/", "plain-name")).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> c.decryptName("/", "not base64 !")).isInstanceOf(GeneralSecurityException.class);
    String enc = c.encryptName("/", "victim");
    String flipped = (enc.charAt(0) == 'A' ? 'B' : 'A') + enc.substring(1);
    assertThatThrownBy(() -> c.decryptName("/", flipped)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher().decryptName("/", enc)).as("another key").isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> c.decryptPath("relative")).isInstanceOf(GeneralSecurityException.class);
  }
}
