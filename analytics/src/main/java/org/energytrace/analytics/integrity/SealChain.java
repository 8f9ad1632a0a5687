package org.energytrace.analytics.integrity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chain of day seals of one series (a channel or a production series):
 *
 * <pre>seal = SHA-256( UTF-8( prev_seal "|" series "|" day "|" revision "|" digest ) )</pre>
 *
 * with prev_seal, digest and seal as 64 lowercase hex digits, day as {@code yyyy-mm-dd}, revision
 * in decimal, and {@link #GENESIS} (64 zeros) as the prev_seal of a series' first link. Links are
 * appended in the order they are made: normally one per day at revision 0, in day order (then
 * seal_d = SHA-256(seal_{d−1} ‖ series ‖ day ‖ digest_d), as issue 15 sketches, with the revision
 * added); late rows for a sealed day append a new link for that day at the next revision — the old
 * links stay, so nothing is ever rewritten. A day's effective digest is its highest revision.
 */
public final class SealChain {

  public static final String GENESIS = "0".repeat(64);

  private SealChain() {}

  /** The seal of one link. */
  public static String seal(
      String prevSeal, String series, LocalDate day, int revision, String digest) {
    return Sha256.hex(prevSeal + "|" + series + "|" + day + "|" + revision + "|" + digest);
  }

  /**
   * The next link after {@code chain} (the series' links so far, in chain order; empty for a new
   * series): revision 0 for a day not yet sealed, else one more than the day's last revision.
   */
  public static Seal append(
      List<Seal> chain, String series, LocalDate day, String digest, int rows, String reason) {
    String prev = chain.isEmpty() ? GENESIS : chain.get(chain.size() - 1).seal();
    int revision = 0;
    for (Seal s : chain) {
      if (!s.series().equals(series)) {
        throw new IllegalArgumentException("a chain holds one series: " + s.series());
      }
      if (s.day().equals(day)) {
        revision = Math.max(revision, s.revision() + 1);
      }
    }
    return new Seal(
        series,
        day,
        revision,
        prev,
        digest,
        seal(prev, series, day, revision, digest),
        rows,
        revision == 0 ? reason : (reason == null || reason.isBlank() ? "late data" : reason));
  }

  /** The effective (highest-revision) link of each day, in day order. */
  public static Map<LocalDate, Seal> effective(List<Seal> chain) {
    Map<LocalDate, Seal> map = new TreeMap<>();
    for (Seal s : chain) {
      Seal old = map.get(s.day());
      if (old == null || s.revision() > old.revision()) {
        map.put(s.day(), s);
      }
    }
    return map;
  }
}
