package org.energytrace.analytics.report;

import java.util.Objects;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.analytics.units.SectorNorms;

/** The versioned data tables a programme report reads; {@link #bundled()} ships in the jar. */
public record ProgrammeData(
    ConversionTable conversions,
    EmissionFactors emissions,
    SectorNorms norms,
    SavingsBands bands,
    String keyEnergyUserThresholdId) {

  public ProgrammeData {
    Objects.requireNonNull(conversions, "conversions");
    Objects.requireNonNull(emissions, "emissions");
    Objects.requireNonNull(norms, "norms");
    Objects.requireNonNull(bands, "bands");
    Objects.requireNonNull(keyEnergyUserThresholdId, "keyEnergyUserThresholdId");
  }

  /** The bundled tables, read once (immutable: a request asking for them reads no file). */
  public static ProgrammeData bundled() {
    return Bundled.DATA;
  }

  private static final class Bundled {
    static final ProgrammeData DATA =
        new ProgrammeData(
            ConversionTable.bundled(),
            EmissionFactors.bundled(),
            SectorNorms.bundled(),
            SavingsBands.bundled(),
            "industrial");
  }

  public ProgrammeData withEmissions(EmissionFactors more) {
    return new ProgrammeData(conversions, more, norms, bands, keyEnergyUserThresholdId);
  }
}
