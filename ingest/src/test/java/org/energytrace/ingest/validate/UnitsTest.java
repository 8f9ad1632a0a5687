package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void reportsNameAUnitByTheSymbolAReaderKnowsNotItsCode() {
    // the dossier said "ch-1 = m1/P (KWT)" and "(H87)"
    assertThat(Units.symbol("KWT")).isEqualTo("kW");
    assertThat(Units.symbol("H87")).isEqualTo("pcs");
    assertThat(Units.symbol("NM3")).isEqualTo("Nm³");
    assertThat(Units.symbol("CEL")).isEqualTo("°C");
    // not a code: as it is
    assertThat(Units.symbol("kWh")).isEqualTo("kWh");
  }

  @Test
  void everyAcceptedCodeHasASymbol() {
    for (String code :
        List.of(
            "KWH", "WHR", "MWH", "GWH", "GV", "3B", "KVR", "KVA", "K3", "KJ", "MAH", "KWT", "WTT",
            "MAW", "MTQ", "NM3", "LTR", "HLT", "TNE", "KGM", "MTK", "MQH", "E18", "VLT", "AMP",
            "HTZ", "C62", "P1", "CEL", "KEL", "BAR", "KPA", "PAL", "H87")) {
      assertThat(Units.isKnown(code)).as(code).isTrue();
      assertThat(Units.symbol(code)).as(code).isNotEqualTo(code);
    }
  }
}
