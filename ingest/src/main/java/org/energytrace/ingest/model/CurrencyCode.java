package org.energytrace.ingest.model;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ISO 4217 currency code, checked against the JDK's list: three capital letters alone took "ZZZ"
 * or a typed "VDN", which then stood as a currency of its own in every per-currency total.
 */
public final class CurrencyCode {
  private static final Set<String> KNOWN =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private CurrencyCode() {}

  /** Whether {@code code} is an ISO 4217 code the JDK knows (VND, USD, EUR, …). */
  public static boolean known(String code) {
    return code != null && KNOWN.contains(code);
  }
}
