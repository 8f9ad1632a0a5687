package org.energytrace.analytics.cp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The eight types of cleaner-production options of the UNIDO/UNEP method as taught in Vietnam: the
 * first three change how the plant is run, the next four what it runs with, the last what it makes.
 */
public enum OptionType {
  GOOD_HOUSEKEEPING("Quản lý nội vi", "Good housekeeping"),
  INPUT_SUBSTITUTION("Thay đổi nguyên liệu đầu vào", "Input material change"),
  BETTER_PROCESS_CONTROL("Kiểm soát quá trình tốt hơn", "Better process control"),
  EQUIPMENT_MODIFICATION("Cải tiến thiết bị", "Equipment modification"),
  TECHNOLOGY_CHANGE("Thay đổi công nghệ", "Technology change"),
  ONSITE_RECOVERY("Tuần hoàn, tái sử dụng tại chỗ", "On-site recovery and reuse"),
  USEFUL_BYPRODUCTS("Sản xuất sản phẩm phụ hữu ích", "Production of useful by-products"),
  PRODUCT_MODIFICATION("Cải tiến sản phẩm", "Product modification");

  private final String vi;
  private final String en;

  OptionType(String vi, String en) {
    this.vi = vi;
    this.en = en;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The label in {@code vi} or {@code en}. */
  public String label(String lang) {
    return "en".equals(lang) ? en : vi;
  }

  public static Optional<OptionType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }
}
