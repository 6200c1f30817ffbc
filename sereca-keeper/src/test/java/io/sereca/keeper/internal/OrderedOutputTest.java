package io.sereca.keeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class OrderedOutputTest {

  @Test
  void resultsAreWrittenInSubmissionOrderWhateverOrderTheyCompleteIn() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context ctx = vertx.getOrCreateContext();
      List<String> written = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      CompletableFuture<String> a = new CompletableFuture<>();
      CompletableFuture<String> b = new CompletableFuture<>();
      CompletableFuture<String> c = new CompletableFuture<>();
      CompletableFuture<Void> submitted = new CompletableFuture<>();
      ctx.runOnContext(v -> {
        OrderedOutput<String> out = new OrderedOutput<>(r -> ctx.runOnContext(x -> r.run()), true, written::add, errors::add);
        out.submit(a);
        out.submit(b);
        out.submit(CompletableFuture.completedFuture("ready at once"));
        out.submit(c);
        out.release();
        submitted.complete(null);
      });
      submitted.get(10, TimeUnit.SECONDS);
      c.complete("c");
      b.complete("b");
      Thread.sleep(100);
      assertThat(written).as("nothing before the first result").isEmpty();
      a.complete("a");
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> written.size() == 4);
      assertThat(written).containsExactly("a", "b", "ready at once", "c");
      assertThat(errors).isEmpty();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFailedResultStopsTheOutputAndReportsTheCause() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context ctx = vertx.getOrCreateContext();
      List<String> written = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      ctx.runOnContext(v -> {
        OrderedOutput<String> out = new OrderedOutput<>(r -> ctx.runOnContext(x -> r.run()), false, written::add, errors::add);
        out.submit(CompletableFuture.completedFuture("first"));
        out.submit(CompletableFuture.failedFuture(new IllegalStateException("broken")));
        out.submit(CompletableFuture.completedFuture("never"));
      });
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> errors.size() == 1);
      assertThat(errors.get(0)).hasMessage("broken");
      assertThat(written).containsExactly("first");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
