package org.energytrace.analytics.report;

import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Which facilities a programme figure covers: all ({@link #PROVINCE}), or those of one district, of
 * one VSIC sector (a code prefix: {@code 11} covers 1101–1109, {@code 1103} only beer), or of one
 * industrial park; null fields do not filter. A district officer's figures are computed with their
 * district, a park officer's with their park.
 */
public record ProgrammeScope(String district, String sector, String industrialPark) {

  public static final ProgrammeScope PROVINCE = new ProgrammeScope(null, null, null);

  public ProgrammeScope {
    if (sector != null && !sector.matches("[0-9]{1,5}")) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "sector is a VSIC code or prefix (digits), got " + sector);
    }
  }

  public boolean covers(Facility f) {
    return (district == null || district.equals(f.district()))
        && (sector == null || f.vsic().startsWith(sector))
        && (industrialPark == null || industrialPark.equals(f.industrialPark()));
  }
}
