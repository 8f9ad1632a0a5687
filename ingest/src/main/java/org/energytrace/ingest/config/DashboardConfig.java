package org.energytrace.ingest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import org.energytrace.ingest.model.CurrencyCode;

/**
 * The dashboards and the public showcase (docs/dashboards.md).
 *
 * @param tariffPerKwh the electricity price used for money saved, in {@code currency} per kWh; 0 =
 *     no electricity price (money is not shown for an EnPI that meters electricity)
 * @param tariffPerNm3Gas the natural gas price used for money saved, in {@code currency} per Nm³; 0
 *     = no gas price (money is not shown for an EnPI that meters natural gas)
 * @param currency ISO 4217 code of the tariffs (VND)
 * @param gridFactorYear the year whose grid CO2 factor the pages use for electricity (a later year
 *     may have no published factor: docs/dashboards.md); null = the year of the day concerned
 * @param onlineWithin a meter is online when its newest reading is at most this old
 * @param publicUrl the address visitors reach this service at ({@code https://host[:port][/path]},
 *     without a trailing slash): the showcase's QR code and {@code public_url} point there; "" =
 *     the origin of each request (its Host header as received)
 */
public record DashboardConfig(
    double tariffPerKwh,
    double tariffPerNm3Gas,
    String currency,
    Integer gridFactorYear,
    Duration onlineWithin,
    String publicUrl) {
  public DashboardConfig {
    if (!(tariffPerKwh >= 0) || Double.isInfinite(tariffPerKwh)) {
      throw new IllegalArgumentException("tariff_per_kwh must be a number >= 0");
    }
    if (!(tariffPerNm3Gas >= 0) || Double.isInfinite(tariffPerNm3Gas)) {
      throw new IllegalArgumentException("tariff_per_nm3_gas must be a number >= 0");
    }
    Objects.requireNonNull(currency, "currency");
    if (!CurrencyCode.known(currency)) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as VND");
    }
    if (gridFactorYear != null && (gridFactorYear < 2000 || gridFactorYear > 2100)) {
      throw new IllegalArgumentException("grid_factor_year must be a year such as 2023");
    }
    Objects.requireNonNull(onlineWithin, "online_within");
    if (onlineWithin.isNegative() || onlineWithin.isZero()) {
      throw new IllegalArgumentException("online_within must be positive");
    }
    publicUrl = publicUrl(publicUrl);
  }

  /** The same as {@code url} without its trailing slashes, after checking it is an http(s) base. */
  private static String publicUrl(String url) {
    if (url == null || url.isBlank()) {
      return "";
    }
    String base = url.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(base);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "public_url must be an address such as https://energy.example.gov.vn, got '" + url + "'");
    }
    return base;
  }

  /**
   * No tariff (money is not shown), VND, the grid factor of each day's year, five minutes, links on
   * the request's origin.
   */
  public static DashboardConfig defaults() {
    return new DashboardConfig(0, 0, "VND", null, Duration.ofMinutes(5), "");
  }

  public DashboardConfig withTariff(double perKwh, String currency) {
    return new DashboardConfig(
        perKwh, tariffPerNm3Gas, currency, gridFactorYear, onlineWithin, publicUrl);
  }

  public DashboardConfig withGasTariff(double perNm3) {
    return new DashboardConfig(
        tariffPerKwh, perNm3, currency, gridFactorYear, onlineWithin, publicUrl);
  }

  public DashboardConfig withGridFactorYear(Integer year) {
    return new DashboardConfig(
        tariffPerKwh, tariffPerNm3Gas, currency, year, onlineWithin, publicUrl);
  }

  /** Links (the showcase's QR code) on {@code url}; "" = on each request's origin. */
  public DashboardConfig withPublicUrl(String url) {
    return new DashboardConfig(
        tariffPerKwh, tariffPerNm3Gas, currency, gridFactorYear, onlineWithin, url);
  }

  /** The prices per carrier as the savings computation reads them. */
  public Tariffs tariffs() {
    return new Tariffs(tariffPerKwh, tariffPerNm3Gas, currency);
  }

  /**
   * Energy prices per carrier: electricity per kWh, natural gas per Nm³ (0 = not priced).
   *
   * @param currency ISO 4217
   */
  public record Tariffs(double perKwh, double perNm3Gas, String currency) {
    /** No price at all. */
    public static final Tariffs NONE = new Tariffs(0, 0, "VND");

    /** The unit a carrier is priced in and its price, or null when it has none. */
    public Price price(String carrier) {
      return switch (carrier) {
        case "electricity" -> perKwh > 0 ? new Price("kWh", perKwh) : null;
        case "natural_gas" -> perNm3Gas > 0 ? new Price("Nm3", perNm3Gas) : null;
        default -> null;
      };
    }

    public boolean any() {
      return perKwh > 0 || perNm3Gas > 0;
    }
  }

  /** A price of {@code perUnit} currency units per {@code unit} (a conversion-table unit). */
  public record Price(String unit, double perUnit) {}
}
