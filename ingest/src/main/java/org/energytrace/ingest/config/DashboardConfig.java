package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The dashboards and the public showcase (docs/dashboards.md).
 *
 * @param tariffPerKwh the electricity price used to show money saved on the showcase, in {@code
 *     currency} per kWh; 0 shows no money
 * @param currency ISO 4217 code of the tariff (VND)
 * @param onlineWithin a meter is online when its newest reading is at most this old
 */
public record DashboardConfig(double tariffPerKwh, String currency, Duration onlineWithin) {
  public DashboardConfig {
    if (!(tariffPerKwh >= 0) || Double.isInfinite(tariffPerKwh)) {
      throw new IllegalArgumentException("tariff_per_kwh must be a number >= 0");
    }
    Objects.requireNonNull(currency, "currency");
    if (!currency.matches("^[A-Z]{3}$")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as VND");
    }
    Objects.requireNonNull(onlineWithin, "online_within");
    if (onlineWithin.isNegative() || onlineWithin.isZero()) {
      throw new IllegalArgumentException("online_within must be positive");
    }
  }

  /** No tariff (money is not shown), VND, online within five minutes. */
  public static DashboardConfig defaults() {
    return new DashboardConfig(0, "VND", Duration.ofMinutes(5));
  }

  public DashboardConfig withTariff(double perKwh, String currency) {
    return new DashboardConfig(perKwh, currency, onlineWithin);
  }
}
