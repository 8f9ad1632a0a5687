package org.energytrace.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandOverQueueTest {
  static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

  static InboundMessage message(int id, int bytes) {
    return new InboundMessage("t", new byte[bytes], T.plusSeconds(id), id, 1);
  }

  @Test
  void refusesAMessageThatWouldPassTheByteBoundAndTakesItOnceThereIsRoom() throws Exception {
    HandOverQueue q = new HandOverQueue(100, 1000);

    assertThat(q.offer(message(1, 600), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(q.offer(message(2, 500), 0, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(q.poll(0, TimeUnit.MILLISECONDS).messageId()).isEqualTo(1);
    assertThat(q.offer(message(2, 500), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(q.bytes()).isEqualTo(500);
    assertThat(q.mostBytes()).isEqualTo(600);
  }

  @Test
  void takesAMessageLargerThanTheBoundWhenEmptyOrItCouldNeverPass() throws Exception {
    HandOverQueue q = new HandOverQueue(100, 1000);

    assertThat(q.offer(message(1, 5000), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(q.offer(message(2, 1), 0, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void refusesBeyondTheMessageCountAndKeepsArrivalOrder() throws Exception {
    HandOverQueue q = new HandOverQueue(2, 1 << 20);

    q.offer(message(1, 1), 0, TimeUnit.MILLISECONDS);
    q.offer(message(2, 1), 0, TimeUnit.MILLISECONDS);

    assertThat(q.offer(message(3, 1), 0, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(q.oldest()).isEqualTo(T.plusSeconds(1));
    assertThat(q.poll(0, TimeUnit.MILLISECONDS).messageId()).isEqualTo(1);
    assertThat(q.poll(0, TimeUnit.MILLISECONDS).messageId()).isEqualTo(2);
    assertThat(q.poll(0, TimeUnit.MILLISECONDS)).isNull();
  }
}
