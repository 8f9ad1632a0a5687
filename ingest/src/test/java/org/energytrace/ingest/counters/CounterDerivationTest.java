package org.energytrace.ingest.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.energytrace.ingest.counters.CounterDerivation.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counter handling (measurement-and-verification.md, "Cumulative meters"): the sum of interval
 * consumption over any span equals the counter difference over that span, adjusted for wraps and
 * recorded replacements. Checked on generated meters with a known true consumption (seeded, the
 * seed is in every failure message), plus one example per rule.
 */
class CounterDerivationTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final double M = 65_536; // a 16-bit register, so wraps happen often
  static final int WINDOW = 3;
  static final double[] MULTIPLIERS = {1, 2, 5, 10, 40};

  static Instant at(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  static List<CounterReading> series(double... values) {
    List<CounterReading> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new CounterReading(at(i), values[i]));
    }
    return out;
  }

  static final CounterSpec SPEC = new CounterSpec(M, 1, WINDOW);

  @Nested
  class Rules {
    @Test
    void booksTheDifferenceAcrossAWrapAtTheRegisterWidth() {
      Result r =
          CounterDerivation.derive(series(65_000, 65_500, 100, 600, 700, 800), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(800 + 65_536 - 65_000);
      assertThat(r.intervals().get(1).how()).isEqualTo(Interval.How.WRAP);
      assertThat(r.intervals().get(1).energy()).isEqualTo(136);
    }

    @Test
    // a briefly lower value must not book a huge spike (nor a wrap of a whole register)
    void skipsAGlitchThatReturnsToTheLastValue() {
      Result r = CounterDerivation.derive(series(1000, 1010, 3, 1020, 1030), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(30);
      assertThat(r.glitches()).extracting(CounterReading::value).containsExactly(3.0);
    }

    @Test
    // the mirror case: one wrong high reading (a late outlier) must not turn the way back down into
    // a reset that books the whole register value
    void skipsAnUpwardSpikeWhenTheReadingsAfterItContinueFromBeforeIt() {
      Result r =
          CounterDerivation.derive(
              series(1000, 1010, 6010, 1020, 1030, 1040, 1050), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(50);
      assertThat(r.glitches()).extracting(CounterReading::value).containsExactly(6010.0);
      assertThat(r.intervals()).extracting(Interval::how).containsOnly(Interval.How.DIFFERENCE);
      assertThat(r.between(at(1), at(3))).isEqualTo(10);
    }

    @Test
    void skipsASpikeOfSeveralReadingsUpToTheGlitchWindow() {
      Result r =
          CounterDerivation.derive(
              series(1000, 1010, 9000, 9010, 1030, 1040, 1050, 1060), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(60);
      assertThat(r.glitches()).extracting(CounterReading::value).containsExactly(9000.0, 9010.0);
    }

    @Test
    void holdsTheWayDownFromASpikeAsPendingUntilLaterReadingsDecide() {
      Result r = CounterDerivation.derive(series(1000, 1010, 6010, 1020), List.of(), SPEC);
      // until then the spike is booked as read; the next readings undo it
      assertThat(r.total()).isEqualTo(5010);
      assertThat(r.pending()).extracting(CounterReading::value).containsExactly(1020.0);
    }

    @Test
    void booksAResetFromZeroWhenTheRegisterStaysLow() {
      Result r = CounterDerivation.derive(series(5000, 5100, 20, 50, 90, 130), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(100 + 20 + 110);
      assertThat(r.intervals()).extracting(Interval::how).contains(Interval.How.RESET);
    }

    @Test
    void holdsALowerLastReadingAsPendingUntilLaterReadingsDecide() {
      Result r = CounterDerivation.derive(series(5000, 5100, 20), List.of(), SPEC);
      assertThat(r.total()).isEqualTo(100);
      assertThat(r.pending()).extracting(CounterReading::value).containsExactly(20.0);
    }

    @Test
    void splitsAtAReplacementUsingTheClosingAndOpeningReadings() {
      List<CounterEvent> replaced =
          List.of(CounterEvent.replacement(at(1).plusSeconds(30), 1_150, 7, 1));
      Result r = CounterDerivation.derive(series(1000, 1100, 27, 77), replaced, SPEC);
      assertThat(r.total()).isEqualTo(100 + 50 + 20 + 50);
    }

    @Test
    void appliesTheNewCtRatioOnlyAfterTheChange() {
      List<CounterEvent> ratio =
          List.of(CounterEvent.multiplierChange(at(1).plusSeconds(30), 1_150, 40));
      Result r =
          CounterDerivation.derive(
              series(1000, 1100, 1200, 1300), ratio, new CounterSpec(M, 20, WINDOW));
      assertThat(r.total()).isEqualTo(20 * 100 + 20 * 50 + 40 * 50 + 40 * 100);
      // the intervals on either side of the change are the event's, the later ones plain again
      assertThat(r.intervals())
          .extracting(Interval::how)
          .containsExactly(
              Interval.How.DIFFERENCE,
              Interval.How.EVENT,
              Interval.How.EVENT,
              Interval.How.DIFFERENCE);
    }
  }

  // ---- generated meters ----

  /** A generated meter: what it published, what was recorded, and the truth. */
  record Meter(
      long seed,
      double multiplier,
      List<CounterReading> readings,
      List<CounterEvent> events,
      Map<Instant, Double> trueCumulative,
      Set<Instant> glitches,
      Map<Instant, Integer> wrapsSoFar,
      Map<Instant, Double> replacementAdjustment) {}

  static Meter generate(long seed, boolean multipliersAndResets) {
    Random rnd = new Random(seed);
    double reg = rnd.nextInt((int) M);
    double m = multipliersAndResets ? MULTIPLIERS[rnd.nextInt(MULTIPLIERS.length)] : 1;
    double m0 = m;
    double cum = 0;
    int wraps = 0;
    double adjustment = 0;
    int n = 40 + rnd.nextInt(160);
    int cooldown = 0;
    List<CounterReading> readings = new ArrayList<>();
    List<CounterEvent> events = new ArrayList<>();
    Map<Instant, Double> truth = new TreeMap<>();
    Map<Instant, Integer> wrapCount = new TreeMap<>();
    Map<Instant, Double> adjust = new TreeMap<>();
    Set<Instant> glitches = new HashSet<>();
    for (int i = 0; i < n; i++) {
      cooldown = Math.max(0, cooldown - 1);
      if (i > 0) {
        int roll = rnd.nextInt(100);
        Instant mid = at(i - 1).plusSeconds(20 + rnd.nextInt(20));
        if (cooldown == 0 && roll < 4) {
          int a = rnd.nextInt(300);
          if (reg + a >= M) {
            wraps++;
          }
          reg = (reg + a) % M;
          cum += m * a;
          double opening = rnd.nextInt((int) (M / 4));
          double next = multipliersAndResets ? MULTIPLIERS[rnd.nextInt(MULTIPLIERS.length)] : 1;
          events.add(CounterEvent.replacement(mid, reg, opening, next));
          adjustment += reg - opening;
          reg = opening;
          m = next;
          cooldown = WINDOW + 2;
        } else if (multipliersAndResets && cooldown == 0 && roll < 8) {
          int a = rnd.nextInt(300);
          if (reg + a >= M) {
            wraps++;
          }
          reg = (reg + a) % M;
          cum += m * a;
          m = MULTIPLIERS[rnd.nextInt(MULTIPLIERS.length)];
          events.add(CounterEvent.multiplierChange(mid, reg, m));
          cooldown = WINDOW + 2;
        } else if (multipliersAndResets
            && cooldown == 0
            && roll < 11
            && reg > 4000
            && reg < M / 2 - 1000) {
          // power loss right after the previous reading: the register restarts at 0. Only from
          // above what the register can climb back to within the glitch window: a reset that
          // climbs back over the old value that fast is indistinguishable from a glitch
          // (docs/ingest.md), and a reset from the upper half of the range from a wrap
          reg = 0;
          cooldown = WINDOW + 2;
        }
        int b = rnd.nextInt(500);
        if (reg + b >= M) {
          wraps++;
          cooldown = Math.max(cooldown, WINDOW + 2);
        }
        reg = (reg + b) % M;
        cum += m * b;
      }
      Instant ts = at(i);
      truth.put(ts, cum);
      wrapCount.put(ts, wraps);
      adjust.put(ts, adjustment);
      double reported = reg;
      if (cooldown == 0 && i > 0 && rnd.nextInt(100) < 6 && reg > 1001 && reg < M - 3000) {
        reported = reg - 1 - rnd.nextInt(1000);
        glitches.add(ts);
        cooldown = WINDOW + 2;
      } else if (multipliersAndResets
          && cooldown == 0
          && i > 0
          && rnd.nextInt(100) < 3
          && reg < M / 2 - 25_000) {
        // an upward spike: one reading far above the register, the next ones on the track again
        reported = reg + 1 + rnd.nextInt(20_000);
        glitches.add(ts);
        cooldown = WINDOW + 2;
      }
      readings.add(new CounterReading(ts, reported));
    }
    return new Meter(seed, m0, readings, events, truth, glitches, wrapCount, adjust);
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 400);
  }

  static List<CounterReading> endpoints(Meter meter, Result r) {
    return r.accepted().stream().filter(a -> !meter.glitches().contains(a.ts())).toList();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  // wraps, resets, glitches, replacements and CT-ratio changes together
  void sumOfIntervalsOverAnySpanEqualsTheTrueConsumption(long seed) {
    Meter meter = generate(seed, true);
    Result r =
        CounterDerivation.derive(
            meter.readings(), meter.events(), new CounterSpec(M, meter.multiplier(), WINDOW));
    List<CounterReading> ends = endpoints(meter, r);
    Random pick = new Random(seed * 31);
    assertThat(ends.size()).as("seed %d: accepted readings", seed).isGreaterThan(10);
    for (int k = 0; k < 30; k++) {
      int i = pick.nextInt(ends.size());
      int j = i + pick.nextInt(ends.size() - i);
      Instant a = ends.get(i).ts();
      Instant b = ends.get(j).ts();
      double expected = meter.trueCumulative().get(b) - meter.trueCumulative().get(a);
      assertThat(r.between(a, b))
          .as("seed %d: energy in [%s, %s]", seed, a, b)
          .isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  // the invariant as the M&V method states it: counter difference, plus one register range per
  // wrap, plus closing - opening per recorded replacement
  void sumOfIntervalsEqualsTheCounterDifferenceAdjustedForWrapsAndReplacements(long seed) {
    Meter meter = generate(seed, false);
    Result r = CounterDerivation.derive(meter.readings(), meter.events(), SPEC);
    List<CounterReading> ends = endpoints(meter, r);
    Random pick = new Random(seed * 17);
    for (int k = 0; k < 30; k++) {
      int i = pick.nextInt(ends.size());
      int j = i + pick.nextInt(ends.size() - i);
      CounterReading a = ends.get(i);
      CounterReading b = ends.get(j);
      double expected =
          b.value()
              - a.value()
              + M * (meter.wrapsSoFar().get(b.ts()) - meter.wrapsSoFar().get(a.ts()))
              + meter.replacementAdjustment().get(b.ts())
              - meter.replacementAdjustment().get(a.ts());
      assertThat(r.between(a.ts(), b.ts()))
          .as("seed %d: energy in [%s, %s]", seed, a.ts(), b.ts())
          .isCloseTo(expected, within(1e-6));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  // out-of-order arrival and replays: the result depends on the set of readings, not the order
  void shuffledArrivalWithReplaysGivesTheSameIntervals(long seed) {
    Meter meter = generate(seed, true);
    CounterSpec spec = new CounterSpec(M, meter.multiplier(), WINDOW);
    Result inOrder = CounterDerivation.derive(meter.readings(), meter.events(), spec);
    List<CounterReading> shuffled = new ArrayList<>(meter.readings());
    Random rnd = new Random(seed);
    for (int k = 0; k < 10; k++) {
      shuffled.add(meter.readings().get(rnd.nextInt(meter.readings().size())));
    }
    Collections.shuffle(shuffled, rnd);
    List<CounterEvent> events = new ArrayList<>(meter.events());
    Collections.shuffle(events, rnd);

    Result arrived = CounterDerivation.derive(shuffled, events, spec);

    assertThat(arrived.intervals()).as("seed %d", seed).isEqualTo(inOrder.intervals());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  // the store recomputes a channel when late data arrives; readings received so far never book
  // more than the final answer over the span they cover, and the last recompute is the final one
  void recomputingAsLateReadingsArriveConvergesToTheCompleteResult(long seed) {
    Meter meter = generate(seed, true);
    CounterSpec spec = new CounterSpec(M, meter.multiplier(), WINDOW);
    Result complete = CounterDerivation.derive(meter.readings(), meter.events(), spec);
    List<CounterReading> arrival = new ArrayList<>(meter.readings());
    Collections.shuffle(arrival, new Random(seed));
    List<CounterReading> received = new ArrayList<>();
    Result latest = null;
    for (CounterReading r : arrival) {
      received.add(r);
      latest = CounterDerivation.derive(received, meter.events(), spec);
      assertThat(latest.intervals()).allSatisfy(i -> assertThat(i.energy()).isNotNegative());
    }
    assertThat(latest.intervals()).as("seed %d", seed).isEqualTo(complete.intervals());
  }
}
