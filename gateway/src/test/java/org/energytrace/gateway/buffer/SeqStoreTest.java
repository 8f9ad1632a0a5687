package org.energytrace.gateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.energytrace.gateway.model.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqStoreTest {

  @TempDir Path dataDir;

  @Test
  void startsAtZeroAndCountsUpByOne() {
    SeqStore seq = new SeqStore(dataDir);
    assertThat(seq.next()).isZero();
    assertThat(seq.next()).isEqualTo(1);
  }

  @Test
  void continuesAfterARestartWithoutReusingANumber() {
    SeqStore first = new SeqStore(dataDir);
    first.next();
    long last = first.next();
    assertThat(new SeqStore(dataDir).next()).isEqualTo(last + 1);
  }

  @Test
  void refusesToStartFromACorruptSeqFile() throws Exception {
    Files.writeString(dataDir.resolve("seq"), "twelve");
    assertThatThrownBy(() -> new SeqStore(dataDir))
        .isInstanceOf(GatewayException.class)
        .satisfies(
            e ->
                assertThat(((GatewayException) e).code())
                    .isEqualTo(GatewayException.Code.STORAGE_FAILED));
  }
}
