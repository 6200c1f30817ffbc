package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.Ocall;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private final List<Ocall> out = new ArrayList<>();
  private final Dispatcher dispatcher = new Dispatcher(out::add);

  @Test
  void aProtectedBodyIsReadInPlaceButEveryCallerGetsItsOwnCopy() throws Exception {
    long now = System.currentTimeMillis();
    dispatcher.routes(RouteTable.parse("cmd = k"));
    RouteKey key = RouteKey.generate("k", 1);
    dispatcher.keys().add(key, now);
    KeyRing senderKeys = new KeyRing(60_000);
    senderKeys.add(key, now);
    RouteCipher sender = new RouteCipher(RouteCipher.newSenderId("host-app"), RouteTable.parse("cmd = k"),
        senderKeys, new ReplayWindow(), RouteCipher.DEFAULT_MAX_SKEW_MILLIS, System::currentTimeMillis);
    List<byte[]> seen = new ArrayList<>();
    dispatcher.register("cmd", m -> {
      byte[] first = m.body();
      java.util.Arrays.fill(first, (byte) 'X'); // the handler owns what it got
      seen.add(first);
      seen.add(m.body());
    });
    byte[] envelope = sender.seal("cmd", RouteCipher.Kind.SEND, Map.of("h", "v"), utf8("open gate"),
        new byte[0]).envelope();
    dispatcher.deliver("cmd", Map.of(), envelope, 0);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1)).isEqualTo(utf8("open gate"));
    assertThat(seen.get(0)).isNotSameAs(seen.get(1));
  }

  @Test
  void requestIdsAreUniqueAndIncreasing() {
    dispatcher.request("a", Map.of(), new byte[0], 1);
    dispatcher.request("a", Map.of(), new byte[0], 1);
    dispatcher.request("a", Map.of(), new byte[0], 1);
    assertThat(out).extracting(o -> ((Ocall.Request) o).requestId()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void completeMatchesTheRequestIdOnce() {
    CompletableFuture<EnclaveMessage> first = dispatcher.request("a", Map.of(), new byte[0], 1);
    CompletableFuture<EnclaveMessage> second = dispatcher.request("b", Map.of(), new byte[0], 1);
    assertThat(dispatcher.complete(Ecall.ReplyResult.reply(2, Map.of(), utf8("two")))).isTrue();
    assertThat(first).isNotDone();
    assertThat(second.join().bodyAsString()).isEqualTo("two");
    assertThat(dispatcher.complete(Ecall.ReplyResult.reply(2, Map.of(), utf8("again")))).isFalse();
    assertThat(dispatcher.complete(Ecall.ReplyResult.failure(1, 7, "bad"))).isTrue();
    assertThatThrownBy(first::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(ReplyException.class, e -> {
          assertThat(e.code()).isEqualTo(7);
          assertThat(e.getMessage()).isEqualTo("bad");
        });
  }

  @Test
  void aRequestThatCouldNotLeaveIsNotLeftPending() {
    Dispatcher failing = new Dispatcher(o -> {
      throw new IllegalStateException("sink down");
    });
    assertThatThrownBy(() -> failing.request("a", Map.of(), new byte[0], 1))
        .isInstanceOf(IllegalStateException.class);
    assertThat(failing.complete(Ecall.ReplyResult.reply(1, Map.of(), new byte[0]))).isFalse();
  }

  @Test
  void receivedReplyCannotBeRepliedTo() {
    CompletableFuture<EnclaveMessage> f = dispatcher.request("a", Map.of(), new byte[0], 1);
    dispatcher.complete(Ecall.ReplyResult.reply(1, Map.of("h", "v"), utf8("r")));
    EnclaveMessage reply = f.join();
    assertThat(reply.isRequest()).isFalse();
    assertThat(reply.headers()).containsExactly(Map.entry("h", "v"));
    assertThatThrownBy(() -> reply.reply(new byte[0])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void registerTwiceOnTheSameAddressIsRefusedAndEmitsOnce() {
    dispatcher.register("x", m -> {});
    assertThatThrownBy(() -> dispatcher.register("x", m -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("x");
    assertThat(out).hasSize(1);
  }

  @Test
  void failWithNullMessageSendsAnEmptyMessage() {
    dispatcher.register("x", m -> m.fail(3, null));
    dispatcher.deliver("x", Map.of(), new byte[0], 9);
    assertThat(out.get(1)).usingRecursiveComparison().isEqualTo(new Ocall.Fail(9, 3, ""));
  }
}
