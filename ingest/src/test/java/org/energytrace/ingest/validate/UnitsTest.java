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

  @Test
  void theGatewaysConfigurationSchemaListsExactlyTheCodesIngestTakes() throws Exception {
    // the gateway's check took any 2–3 capitals ("XYZ"), and every reading of such a point was
    // quarantined as an unknown UNECE unit code once it ran; both sides test against the document
    try (var in =
        UnitsTest.class.getResourceAsStream("/contract/config/gateway-config.schema.json")) {
      assertThat(in).as("the schema on the classpath (docs/schemas/config)").isNotNull();
      var schema = tools.jackson.databind.json.JsonMapper.builder().build().readTree(in);
      java.util.Set<String> listed = new java.util.TreeSet<>();
      schema.at("/$defs/unit/enum").forEach(n -> listed.add(n.asString()));
      assertThat(listed).isEqualTo(new java.util.TreeSet<>(Units.codes()));
    }
  }
}
