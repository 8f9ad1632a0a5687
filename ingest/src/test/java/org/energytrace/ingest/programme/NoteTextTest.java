package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.report.ReportNotes;
import org.junit.jupiter.api.Test;

/**
 * The indicators' notes, as analytics writes them ({@link ReportNotes}), read in the Vietnamese
 * report without their English words (a demo report said "target aware 90 % (…) carried forward to
 * …: the table has no later target" and "at or above the threshold but not on the national list" in
 * Vietnamese), and unchanged in the English one.
 */
class NoteTextTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
  final ReportText vi = new ReportText("vi");
  final ReportText en = new ReportText("en");

  List<String> notes() {
    return List.of(
        ReportNotes.carriedForward(
            "aware", 0.9, "Decision 1419/QD-TTg (2009)", LocalDate.of(2020, 12, 31), AS_OF),
        ReportNotes.potentialContradicted("bd-07", AS_OF),
        ReportNotes.savingNotApplying("bd-08", AS_OF),
        ReportNotes.KEU_UNLISTED,
        ReportNotes.KEU_BELOW,
        ReportNotes.KEU_UNREPORTED,
        ReportNotes.incomplete(List.of("coal: no TOE factor")) + "; " + ReportNotes.KEU_UNLISTED);
  }

  @Test
  void everyNoteOfTheIndicatorsIsSaidInVietnameseKeepingItsFigures() {
    for (String note : notes()) {
      String said = vi.note(note);
      assertThat(said)
          .as(note)
          .isNotEqualTo(note)
          .doesNotContain("the threshold", "national list", "carried forward", " as of ", "target");
    }
    String carried = vi.note(notes().get(0));
    assertThat(carried)
        .contains("nhận thức", "90 %", "Decision 1419/QD-TTg (2009)", "2020-12-31", "2026-06-30");
    assertThat(vi.note(notes().get(1))).startsWith("bd-07: ").contains("2026-06-30");
    assertThat(vi.note(notes().get(6)))
        .startsWith("chưa đủ dữ liệu: coal: no TOE factor; ")
        .endsWith("chưa có trong danh sách quốc gia");
  }

  @Test
  void theEnglishReportSaysTheNotesAsTheApiDoesAndAnUnknownNoteStaysAsItIs() {
    for (String note : notes()) {
      assertThat(en.note(note)).isEqualTo(note);
    }
    assertThat(vi.note("bd-09: something new")).isEqualTo("bd-09: something new");
  }
}
