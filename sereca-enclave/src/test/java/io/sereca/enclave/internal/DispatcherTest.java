package io.sereca.enclave.internal;

import static io.sereca.enclave.internal.Harness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ReplyException;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.Ocall;
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
