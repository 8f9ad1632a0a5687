package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which readings may skip ON CONFLICT: only those newer than anything written for the channel. */
class NewestReadingsTest {
  final NewestReadings newest = new NewestReadings();

  static int[] all(int n) {
    int[] u = new int[n];
    for (int i = 0; i < n; i++) {
      u[i] = i;
    }
    return u;
  }

  @Test
  void takesEveryReadingOfAChannelNotSeenYetForAPossibleDuplicate() {
    // after a start, the table may hold anything: the first batch of a channel absorbs replays
    boolean[] fresh = newest.split(new long[] {7, 7, 8}, new long[] {10, 20, 5}, all(3));

    assertThat(fresh).containsExactly(false, false, false);
  }

  @Test
  void takesOnlyReadingsNewerThanTheChannelsNewestForNew() {
    newest.split(new long[] {7, 8}, new long[] {20, 5}, all(2));

    boolean[] fresh =
        newest.split(new long[] {7, 7, 7, 8, 8}, new long[] {15, 20, 21, 5, 6}, all(5));

    // a replay (15), the newest itself again (20), then new; the other channel likewise
    assertThat(fresh).containsExactly(false, false, true, false, true);
  }

  @Test
  // a batch of another lane still in flight: its keys are possible duplicates for the next one,
  // so two batches of one instance never COPY the same key
  void raisesTheNewestBeforeTheBatchCommitsSoTheNextBatchTreatsItsKeysAsPossibleDuplicates() {
    newest.split(new long[] {7}, new long[] {1}, all(1));
    boolean[] first = newest.split(new long[] {7, 7}, new long[] {2, 3}, all(2));

    boolean[] second = newest.split(new long[] {7, 7}, new long[] {3, 4}, all(2));

    assertThat(first).containsExactly(true, true);
    assertThat(second).containsExactly(false, true);
  }

  @Test
  void readsOnlyTheRowsItIsGivenInKeyOrder() {
    newest.split(new long[] {7}, new long[] {1}, all(1));
    // rows 1 and 3 are duplicates inside the batch, left out of the unique indices
    long[] ch = {7, 7, 7, 7};
    long[] ts = {2, 2, 5, 5};

    boolean[] fresh = newest.split(ch, ts, new int[] {0, 2});

    assertThat(fresh).containsExactly(true, true);
    assertThat(newest.split(new long[] {7}, new long[] {5}, all(1))).containsExactly(false);
  }
}
