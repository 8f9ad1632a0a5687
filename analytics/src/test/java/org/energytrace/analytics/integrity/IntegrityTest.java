package org.energytrace.analytics.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.energytrace.analytics.AnalyticsException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, tamper evidence. Reference hashes were computed independently with Python's hashlib and
 * struct ({@code struct.pack('>d', v).hex()}), following docs/verification.md.
 */
class IntegrityTest {

  static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate D1 = LocalDate.of(2025, 1, 1);
  static final ReadingRow R1 = new ReadingRow(1_735_689_600_000_000L, 12.5, 0, "kWh");
  static final ReadingRow R2 = new ReadingRow(1_735_690_500_000_000L, 0.1, 1, "kWh");
  static final String DIGEST_D1 =
      "d8fcdf45375205dbe2a2139c54ce2ce6e0684453bc26e31f6140a6000e69a429";

  @Nested
  class DayDigests {

    @Test
    void theCanonicalLinesAndDigestMatchTheDocumentedBytes() {
      assertThat(R1.canonical()).isEqualTo("1735689600000000|4029000000000000|0|kWh\n");
      assertThat(R2.canonical()).isEqualTo("1735690500000000|3fb999999999999a|1|kWh\n");
      assertThat(DayDigest.readings(List.of(R2, R1))).isEqualTo(DIGEST_D1); // sorted by time
      assertThat(DayDigest.readings(List.of()))
          .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      QuantityRow q = new QuantityRow(D1, 3000.0, "hl");
      assertThat(q.canonical()).isEqualTo("2025-01-01|40a7700000000000|hl\n");
      assertThat(DayDigest.quantities(List.of(q)))
          .isEqualTo("836af830ed82b60923a6faf82e5699d7c1af14cd03f7c839d3d6630fee44112b");
    }

    @Test
    void aReadingBelongsToTheSitesLocalDay() {
      // 2024-12-31T17:30Z is 00:30 on 1 January in Ho Chi Minh City (UTC+7)
      long micros = 1_735_666_200_000_000L;
      assertThat(DayDigest.day(micros, HCM)).isEqualTo(D1);
      assertThat(DayDigest.day(micros, ZoneId.of("UTC"))).isEqualTo(D1.minusDays(1));
    }

    @Test
    void twoReadingsAtOneTimeAndAPipeInAUnitAreRefused() {
      assertThatThrownBy(() -> DayDigest.readings(List.of(R1, R1)))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("two readings at 1735689600000000");
      assertThatThrownBy(() -> new ReadingRow(1, 1, 0, "k|Wh")).hasMessageContaining("'|'");
    }
  }

  @Nested
  class Seals {

    List<Seal> twoDays() {
      List<Seal> chain = new ArrayList<>();
      chain.add(SealChain.append(chain, "ch-7", D1, DIGEST_D1, 2, ""));
      chain.add(SealChain.append(chain, "ch-7", D1.plusDays(1), Sha256.EMPTY, 0, ""));
      return chain;
    }

    @Test
    void sealsChainFromTheGenesisAsDocumented() {
      List<Seal> chain = twoDays();
      assertThat(chain.get(0).prevSeal()).isEqualTo("0".repeat(64));
      assertThat(chain.get(0).seal())
          .isEqualTo("f1aa28e7e5894f69cfca2d5c53860312d1d11fa6b5880900729077d5014c6f8c");
      assertThat(chain.get(1).prevSeal()).isEqualTo(chain.get(0).seal());
      assertThat(chain.get(1).seal())
          .isEqualTo("17503ffd267d91853efcfc0749be2449482612e2bd297f1f2558336ec19e873f");
    }

    Map<LocalDate, String> digests(List<ReadingRow> rows) {
      Map<LocalDate, String> out = new TreeMap<>();
      DayDigest.byDay(rows, HCM).forEach((d, r) -> out.put(d, DayDigest.readings(r)));
      return out;
    }

    @Test
    void aReadingEditedAfterSealingIsCaughtNamingSeriesAndDay() {
      List<Seal> chain = twoDays();
      assertThat(SealCheck.check("ch-7", chain, digests(List.of(R1, R2)), D1, D1.plusDays(1)))
          .isEmpty();
      // UPDATE reading SET value = 12.6 ... : one value changed by SQL
      ReadingRow edited = new ReadingRow(R1.tsEpochMicros(), 12.6, 0, "kWh");
      Optional<SealCheck.Finding> f =
          SealCheck.check("ch-7", chain, digests(List.of(edited, R2)), D1, D1.plusDays(1));
      assertThat(f).isPresent();
      assertThat(f.get().series()).isEqualTo("ch-7");
      assertThat(f.get().day()).isEqualTo(D1);
      assertThat(f.get().problem()).contains("rows were changed, added or removed after sealing");
      // a row inserted into the empty second day is caught too
      ReadingRow inserted = new ReadingRow(R1.tsEpochMicros() + 86_400_000_000L, 1, 0, "kWh");
      assertThat(
              SealCheck.check("ch-7", chain, digests(List.of(R1, R2, inserted)), D1, D1.plusDays(1))
                  .orElseThrow()
                  .day())
          .isEqualTo(D1.plusDays(1));
    }

    @Test
    void lateDataMakesARevisionThatKeepsTheOldLinks() {
      List<Seal> chain = twoDays();
      ReadingRow late = new ReadingRow(R1.tsEpochMicros() + 1_800_000_000L, 3, 0, "kWh");
      String newDigest = DayDigest.readings(List.of(R1, R2, late));
      chain.add(SealChain.append(chain, "ch-7", D1, newDigest, 3, null));
      Seal revision = chain.get(2);
      assertThat(revision.revision()).isEqualTo(1);
      assertThat(revision.reason()).isEqualTo("late data");
      assertThat(revision.prevSeal()).isEqualTo(chain.get(1).seal());
      assertThat(SealCheck.check("ch-7", chain, digests(List.of(R1, R2, late)), D1, D1.plusDays(1)))
          .isEmpty();
      // dropping the revision link from the chain leaves the late row unsealed: caught
      assertThat(
              SealCheck.check(
                  "ch-7", chain.subList(0, 2), digests(List.of(R1, R2, late)), D1, D1.plusDays(1)))
          .isPresent();
    }

    @Test
    void aRewrittenLinkBreaksTheChain() {
      List<Seal> chain = twoDays();
      Seal first = chain.get(0);
      // a rewrite of day 1 with a fresh seal: the second link no longer follows it
      String other = DayDigest.readings(List.of(R1));
      Seal forged =
          new Seal(
              "ch-7",
              D1,
              0,
              first.prevSeal(),
              other,
              SealChain.seal(first.prevSeal(), "ch-7", D1, 0, other),
              1,
              "");
      Optional<SealCheck.Finding> f =
          SealCheck.links(List.of(forged, chain.get(1)), SealChain.GENESIS);
      assertThat(f.orElseThrow().day()).isEqualTo(D1.plusDays(1));
      assertThat(f.get().problem()).contains("is not the previous link's seal");
    }
  }

  @Nested
  class Audit {

    static final String ENTRY =
        "{\"at\": \"2025-02-01T09:00:00Z\", \"actor\": \"auditor-1\","
            + " \"action\": \"baseline.approve\", \"version\": 3.0}";

    @Test
    void theHashIsOverThePreviousHashAndTheCanonicalJson() {
      AuditEntry e = AuditChain.append(1, AuditChain.GENESIS, ENTRY);
      assertThat(e.entry())
          .isEqualTo(
              "{\"action\":\"baseline.approve\",\"actor\":\"auditor-1\","
                  + "\"at\":\"2025-02-01T09:00:00Z\",\"version\":3}");
      assertThat(e.hash())
          .isEqualTo("7b6b39f4998389b5355429489d4df0fa5e05076f4d0ced586dacb784d33abedb");
    }

    @Test
    void anEditedEntryAndADeletedEntryAreCaught() {
      List<AuditEntry> log = new ArrayList<>();
      String prev = AuditChain.GENESIS;
      for (int i = 1; i <= 3; i++) {
        AuditEntry e = AuditChain.append(i, prev, "{\"n\": " + i + "}");
        log.add(e);
        prev = e.hash();
      }
      assertThat(AuditChain.verify(log, true, AuditChain.GENESIS)).isEmpty();
      AuditEntry tampered =
          new AuditEntry(2, log.get(1).prevHash(), "{\"n\":20}", log.get(1).hash());
      assertThat(
              AuditChain.verify(
                  List.of(log.get(0), tampered, log.get(2)), true, AuditChain.GENESIS))
          .map(AuditChain.Break::seq)
          .contains(2L);
      assertThat(AuditChain.verify(List.of(log.get(0), log.get(2)), true, AuditChain.GENESIS))
          .map(AuditChain.Break::problem)
          .hasValueSatisfying(p -> assertThat(p).contains("entries 2.. are missing"));
      // an excerpt (a dossier's entries of one EnPI) checks each entry's own hash
      assertThat(AuditChain.verify(List.of(log.get(0), log.get(2)), false, null)).isEmpty();
    }
  }
}
