package org.energytrace.ingest.programme;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.energytrace.ingest.web.Fields;

/**
 * An enterprise's entry in the provincial registry (issue 16): legal name in Vietnamese, short
 * name, tax code, VSIC 2018 sector (level 2 to 4: 2 to 4 digits), district and commune, industrial
 * park (optional), address and coordinates, size, contact, whether it is on the national list of
 * key energy users, the date it entered the registry (null: before any date asked about), and the
 * day it left the programme with why (null: it has not). The same field names serve the JSON API
 * and the CSV import.
 */
public record FacilityProfile(
    String legalNameVi,
    String shortName,
    String taxCode,
    String vsic,
    String district,
    String commune,
    String industrialPark,
    String address,
    Double latitude,
    Double longitude,
    String size,
    String contactName,
    String contactPhone,
    String contactEmail,
    boolean keyEnergyUserListed,
    LocalDate registeredOn,
    LocalDate leftOn,
    String leftReason) {

  static final List<String> SIZES = List.of("micro", "small", "medium", "large");
  static final Pattern TAX_CODE = Pattern.compile("[0-9]{10}(-[0-9]{3})?");
  static final Pattern VSIC = Pattern.compile("[0-9]{2,4}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

  /** The fields of a profile, in the order of the CSV template and the JSON answer. */
  static final List<String> FIELDS =
      List.of(
          "legal_name_vi",
          "short_name",
          "tax_code",
          "vsic",
          "district",
          "commune",
          "industrial_park",
          "address",
          "latitude",
          "longitude",
          "size",
          "contact_name",
          "contact_phone",
          "contact_email",
          "key_energy_user_listed",
          "registered_on",
          "left_on",
          "left_reason");

  /** Reads a profile from {@code f}: empty with problems in {@code f} when a field is bad. */
  static Optional<FacilityProfile> read(Fields f) {
    String legal = f.text("legal_name_vi", true, 300);
    String shortName = f.text("short_name", false, 100);
    String tax = f.matching("tax_code", false, TAX_CODE, "10 digits, or 10-3 for a branch");
    String vsic = f.matching("vsic", true, VSIC, "a VSIC 2018 code of level 2 to 4 (2-4 digits)");
    String district = f.text("district", true, 100);
    String commune = f.text("commune", false, 100);
    String park = f.text("industrial_park", false, 100);
    String address = f.text("address", false, 500);
    int before = f.problems().size();
    Double lat = f.number("latitude", false, -90, 90);
    Double lon = f.number("longitude", false, -180, 180);
    // a coordinate that is itself bad is reported as such, not also as missing its pair
    if ((lat == null) != (lon == null) && f.problems().size() == before) {
      f.problem(lat == null ? "latitude" : "longitude", "give both coordinates or neither");
    }
    String size = f.oneOf("size", false, SIZES);
    String contactName = f.text("contact_name", false, 200);
    String phone = f.text("contact_phone", false, 40);
    String email = f.matching("contact_email", false, EMAIL, "an e-mail address");
    Boolean listed = f.bool("key_energy_user_listed", false);
    LocalDate registered = f.date("registered_on", false);
    LocalDate left = f.date("left_on", false);
    String leftReason = f.text("left_reason", false, 500);
    if (left != null && leftReason == null) {
      f.problem("left_reason", "say why the enterprise leaves the programme");
    } else if (left == null && leftReason != null) {
      f.problem("left_on", "the day the enterprise leaves the programme (with left_reason)");
    } else if (left != null && registered != null && !left.isAfter(registered)) {
      f.problem("left_on", "must be after registered_on (" + registered + "), was " + left);
    }
    if (!f.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new FacilityProfile(
            legal,
            shortName,
            tax,
            vsic,
            district,
            commune,
            park,
            address,
            lat,
            lon,
            size,
            contactName,
            phone,
            email,
            Boolean.TRUE.equals(listed),
            registered,
            left,
            leftReason));
  }

  static Set<String> fieldSet() {
    return Set.copyOf(FIELDS);
  }

  /** The profile as the API answers it and the audit log keeps it. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("legal_name_vi", legalNameVi);
    m.put("short_name", shortName);
    m.put("tax_code", taxCode);
    m.put("vsic", vsic);
    m.put("district", district);
    m.put("commune", commune);
    m.put("industrial_park", industrialPark);
    m.put("address", address);
    m.put("latitude", latitude);
    m.put("longitude", longitude);
    m.put("size", size);
    m.put("contact_name", contactName);
    m.put("contact_phone", contactPhone);
    m.put("contact_email", contactEmail);
    m.put("key_energy_user_listed", keyEnergyUserListed);
    m.put("registered_on", registeredOn == null ? null : registeredOn.toString());
    m.put("left_on", leftOn == null ? null : leftOn.toString());
    m.put("left_reason", leftReason);
    return m;
  }
}
