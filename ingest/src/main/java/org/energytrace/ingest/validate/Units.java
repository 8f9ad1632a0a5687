package org.energytrace.ingest.validate;

import java.util.Set;

/**
 * UNECE Recommendation 20 common codes that ingest accepts. A unit outside this list is most likely
 * a typo or a mis-scaled register, so the point is refused rather than stored with an unknown unit.
 */
public final class Units {
  private static final Set<String> KNOWN =
      Set.of(
          // energy
          "KWH",
          "WHR",
          "MWH",
          "GWH",
          "GV",
          "3B",
          "KVR",
          "KVA",
          "K3",
          "KJ",
          "MAH",
          // power
          "KWT",
          "WTT",
          "MAW",
          // volume and mass
          "MTQ",
          "NM3",
          "LTR",
          "HLT",
          "TNE",
          "KGM",
          "MTK",
          // electrical and other
          "VLT",
          "AMP",
          "HTZ",
          "C62",
          "P1",
          "CEL",
          "KEL",
          "BAR",
          "KPA",
          "PAL",
          // pieces
          "H87");

  private Units() {}

  public static boolean isKnown(String code) {
    return KNOWN.contains(code);
  }
}
