package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.report.ReportNotes;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.analytics.units.MissingFactor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The indicators' notes, as analytics writes them ({@link ReportNotes}), read in the Vietnamese
 * report without their English words (a demo report said "target aware 90 % (…) carried forward to
 * …: the table has no later target" and "at or above the threshold but not on the national list" in
 * Vietnamese), and unchanged in the English one but for what it said wrongly.
 */
class NoteTextTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
  final ReportText vi = new ReportText("vi");
  final ReportText en = new ReportText("en");

  /** The tables' own message for a factor they lack (no grid factor for 2026 is bundled). */
  static String co2Missing() {
    return EmissionFactors.bundled()
        .missing("electricity", "kWh", 2026)
        .map(MissingFactor::message)
        .orElseThrow();
  }

  static String toeMissing() {
    return ConversionTable.bundled()
        .missing("unobtainium", "t", Accounting.TOE_PRIMARY, 2025)
        .map(MissingFactor::message)
        .orElseThrow();
  }

  List<String> notes() {
    return List.of(
        ReportNotes.carriedForward(
            "aware", 0.9, "Decision 1419/QD-TTg (2009)", LocalDate.of(2020, 12, 31), AS_OF),
        ReportNotes.potentialContradicted("bd-07", AS_OF),
        ReportNotes.savingNotApplying("bd-08", AS_OF),
        ReportNotes.KEU_UNLISTED,
        ReportNotes.KEU_BELOW,
        ReportNotes.KEU_UNREPORTED,
        ReportNotes.incomplete(List.of("coal: no TOE factor")) + "; " + ReportNotes.KEU_UNLISTED,
        "on the national list; no energy reported for 2025",
        ReportNotes.indicativeNotApplying("bd-10", AS_OF),
        ReportNotes.crossesPeriod(
            "bd-27",
            "electricity",
            LocalDate.of(2026, 8, 1),
            LocalDate.of(2027, 1, 31),
            ReportPeriod.parse("2026-H2")));
  }

  @Test
  void everyNoteOfTheIndicatorsIsSaidInVietnameseKeepingItsFigures() {
    for (String note : notes()) {
      String said = vi.note(note);
      assertThat(said)
          .as(note)
          .isNotEqualTo(note)
          .doesNotContain(
              "the threshold", "national list", "carried forward", " as of ", "target", "reported");
    }
    String carried = vi.note(notes().get(0));
    // the days as the Vietnamese pages write them
    assertThat(carried).contains("nhận thức", "90 %", "31/12/2020", "30/06/2026");
    assertThat(vi.note(notes().get(1))).startsWith("bd-07: ").contains("30/06/2026");
    assertThat(vi.note(notes().get(6)))
        .startsWith("chưa đủ dữ liệu: coal: no TOE factor; ")
        .endsWith("chưa có trong danh sách quốc gia");
    assertThat(vi.note(notes().get(7))).contains("danh sách quốc gia", "2025");
    assertThat(vi.note(notes().get(8))).startsWith("bd-10: ").contains("ước tính", "30/06/2026");
    assertThat(vi.note(notes().get(9)))
        .isEqualTo(
            "bd-27: mức tiết kiệm điện từ 01/08/2026 đến 31/01/2027 vượt ra ngoài kỳ 01/07/2026 –"
                + " 31/12/2026; chỉ được tính trong kỳ bao trọn nó");
  }

  @Test
  void theEnglishReportSaysTheNotesAsTheApiDoesAndAnUnknownNoteStaysAsItIs() {
    for (String note : notes().subList(1, notes().size())) {
      assertThat(en.note(note)).isEqualTo(note);
    }
    assertThat(vi.note("bd-09: something new")).isEqualTo("bd-09: something new");
  }

  @Nested
  class TheSourceOfATarget {
    // the decision's number is "1419/QĐ-TTg" (the bundled table writes it without its Đ); the
    // Vietnamese report names it in Vietnamese, as the programme page does
    @Test
    void isTheDecisionInVietnameseInTheVietnameseReport() {
      assertThat(vi.note(notes().get(0)))
          .contains("(Quyết định 1419/QĐ-TTg (2009), hiệu lực đến 31/12/2020)")
          .doesNotContain("Decision", "QD-");
    }

    @Test
    void isTheDecisionAsItIsNumberedInTheEnglishReportWithTheIndicatorInWords() {
      // the English report said "target aware 90 %" and "target officers_trained 100 %"
      assertThat(en.note(notes().get(0)))
          .isEqualTo(
              "target for facilities aware of CP, 90 % (Decision 1419/QĐ-TTg (2009), valid to"
                  + " 2020-12-31), carried forward to 2026-06-30: the table has no later target");
    }
  }

  @Nested
  class ASavingLevelCarriedForward {
    // the saving shares have no target: their rows are the levels the shares count up to (8 %,
    // 13 %), and a reviewer read "target saving_low 8 %" in the notes
    final String note =
        ReportNotes.carriedForward(
            "saving_low", 0.08, "Decision 1419/QD-TTg (2009)", LocalDate.of(2020, 12, 31), AS_OF);

    @Test
    void isCalledALevelNotATargetInTheApi() {
      assertThat(note)
          .isEqualTo(
              "level saving_low 8 % (Decision 1419/QD-TTg (2009), valid to 2020-12-31) carried"
                  + " forward to 2026-06-30: the table has no later level");
    }

    @Test
    void isSaidAsTheLowerSavingLevelInEachReportLanguage() {
      assertThat(en.note(note))
          .isEqualTo(
              "lower saving level 8 % (Decision 1419/QĐ-TTg (2009), valid to 2020-12-31) carried"
                  + " forward to 2026-06-30: the table has no later level");
      assertThat(vi.note(note))
          .isEqualTo(
              "mức tiết kiệm thấp 8 % (Quyết định 1419/QĐ-TTg (2009), hiệu lực đến 31/12/2020)"
                  + " được áp dụng tiếp đến 30/06/2026: bảng chưa có mức mới hơn");
      assertThat(
              en.note(
                  ReportNotes.carriedForward(
                      "saving_high", 0.13, "x", LocalDate.of(2020, 12, 31), AS_OF)))
          .contains("higher saving level 13 %")
          .doesNotContain("target");
    }
  }

  @Nested
  class AMissingFactor {
    // the tables' message tells a developer which CSV to add a row to: an official report names
    // the facility, the resource, the factor and the year, in its language
    @Test
    void ofTheEnergyTotalsNamesTheFacilityTheResourceAndTheYearInVietnamese() {
      String said = vi.missingFactor("bd-01 electricity: " + co2Missing());
      assertThat(said)
          .isEqualTo(
              "bd-01, điện: thiếu hệ số phát thải CO2 cho điện (kWh) năm 2026; không ước tính");
    }

    @Test
    void ofTheEnergyTotalsSaysTheSameInEnglishWithoutTheDevelopersInstruction() {
      String said = en.missingFactor("bd-01 natural_gas: " + co2Missing());
      assertThat(said)
          .isEqualTo(
              "bd-01, natural gas: no CO2 emission factor for electricity (kWh) in 2026;"
                  + " nothing was estimated")
          .doesNotContain("add a row", ".csv");
    }

    @Test
    void inAKeyEnergyUsersNoteIsSaidInTheNotesLanguage() {
      String note =
          ReportNotes.incomplete(List.of(toeMissing(), co2Missing()))
              + "; "
              + ReportNotes.KEU_UNLISTED;
      assertThat(vi.note(note))
          .isEqualTo(
              "chưa đủ dữ liệu: thiếu hệ số quy đổi ra TOE cho unobtainium (t) năm 2025; không"
                  + " ước tính; thiếu hệ số phát thải CO2 cho điện (kWh) năm 2026; không ước tính;"
                  + " bằng hoặc trên ngưỡng nhưng chưa có trong danh sách quốc gia");
      assertThat(en.note(note)).doesNotContain("add a row", ".csv").contains("in 2025");
    }

    @Test
    void ofAnotherFormStaysAsItIs() {
      assertThat(vi.missingFactor("bd-01 electricity: no grid factor for 2026"))
          .isEqualTo("bd-01 electricity: no grid factor for 2026");
    }
  }

  @Test
  void aResourceIsSaidInTheReportsLanguageAndAnUnknownOneAsItIs() {
    assertThat(
            List.of("electricity", "natural_gas", "coal", "water", "malt", "hops").stream()
                .map(vi::resource))
        .containsExactly("điện", "khí đốt", "than", "nước", "mạch nha", "hops");
    assertThat(List.of("natural_gas", "water", "hops").stream().map(en::resource))
        .containsExactly("natural gas", "water", "hops");
  }
}
