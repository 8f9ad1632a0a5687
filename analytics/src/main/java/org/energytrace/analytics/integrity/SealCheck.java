package org.energytrace.analytics.integrity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a series' seal links and the digests recomputed from its stored rows; answers the first
 * problem (in chain order for the links, then in day order for the data) naming the series, the day
 * and what differs — the {@code GET …/integrity} answer and the offline verifier's seal step.
 */
public final class SealCheck {

  /** A problem: which series and day, at which revision, and what. */
  public record Finding(String series, LocalDate day, int revision, String problem) {
    @Override
    public String toString() {
      return series
          + " "
          + day
          + (revision >= 0 ? " (revision " + revision + ")" : "")
          + ": "
          + problem;
    }
  }

  private SealCheck() {}

  /**
   * The links: each link's prev_seal is the previous link's seal, the first one's being {@code
   * anchor} ({@link SealChain#GENESIS} for a whole chain; the prev_seal a signed dossier states for
   * an excerpt); each seal recomputes; the revisions of a day count up by one (from 0 in a whole
   * chain; an excerpt may start a day at a later revision); revision-0 links come in increasing day
   * order.
   */
  public static Optional<Finding> links(List<Seal> chain, String anchor) {
    boolean whole = SealChain.GENESIS.equals(anchor);
    String prev = anchor;
    LocalDate lastNew = null;
    Map<LocalDate, Integer> revisions = new HashMap<>();
    for (Seal s : chain) {
      if (!s.prevSeal().equals(prev)) {
        return found(s, "prev_seal " + s.prevSeal() + " is not the previous link's seal " + prev);
      }
      String expected = SealChain.seal(s.prevSeal(), s.series(), s.day(), s.revision(), s.digest());
      if (!expected.equals(s.seal())) {
        return found(s, "seal " + s.seal() + " does not recompute (expected " + expected + ")");
      }
      Integer last = revisions.get(s.day());
      if (last != null ? s.revision() != last + 1 : whole && s.revision() != 0) {
        return found(s, "revision " + s.revision() + " follows " + (last == null ? "none" : last));
      }
      if (s.revision() == 0) {
        if (lastNew != null && !s.day().isAfter(lastNew)) {
          return found(s, "first sealed after " + lastNew + " (out of order)");
        }
        lastNew = s.day();
      }
      revisions.put(s.day(), s.revision());
      prev = s.seal();
    }
    return Optional.empty();
  }

  private static Optional<Finding> found(Seal s, String problem) {
    return Optional.of(new Finding(s.series(), s.day(), s.revision(), problem));
  }

  /**
   * The data: every day of [from, to] has a link, and its effective digest equals the digest
   * recomputed from the stored rows ({@code recomputed}: a day without rows may be absent, it then
   * counts as {@link Sha256#EMPTY}).
   */
  public static Optional<Finding> data(
      String series,
      List<Seal> chain,
      Map<LocalDate, String> recomputed,
      LocalDate from,
      LocalDate to) {
    Map<LocalDate, Seal> effective = SealChain.effective(chain);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Seal s = effective.get(d);
      String digest = recomputed.getOrDefault(d, Sha256.EMPTY);
      if (s == null) {
        return Optional.of(new Finding(series, d, -1, "the day has no seal"));
      }
      if (!s.digest().equals(digest)) {
        return Optional.of(
            new Finding(
                series,
                d,
                s.revision(),
                "the stored rows give digest "
                    + digest
                    + ", the seal says "
                    + s.digest()
                    + " ("
                    + s.rows()
                    + " rows sealed): rows were changed, added or removed after sealing"));
      }
    }
    return Optional.empty();
  }

  /** Both checks over a whole chain from {@link SealChain#GENESIS}. */
  public static Optional<Finding> check(
      String series,
      List<Seal> chain,
      Map<LocalDate, String> recomputed,
      LocalDate from,
      LocalDate to) {
    Optional<Finding> f = links(chain, SealChain.GENESIS);
    return f.isPresent() ? f : data(series, chain, recomputed, from, to);
  }
}
